package org.ilptorrent.webtorrent.internal.session;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.AccessTicket;
import org.ilptorrent.tracker.InvalidTicketException;
import org.ilptorrent.webtorrent.internal.ext.AccessMessage;
import org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake;
import org.ilptorrent.webtorrent.internal.wire.Bitfields;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * The {@code ilp_access} extension of one paid torrent (the module README has the protocol): every
 * connection starts locked, so nothing of the torrent (bitfield, have, metadata, piece, unchoke)
 * goes to the peer until it shows a tracker's ticket for this torrent and signs this connection's
 * challenge with the ticket's key; and we answer the peer's own challenge with our ticket when we
 * have one. A connection that neither side has opened within {@link #DEADLINE_MILLIS} is closed.
 * Loop thread only.
 */
final class AccessGate {
  /** How long a connection may stay open without access granted either way. */
  static final long DEADLINE_MILLIS = 10_000;

  /** Our BEP 10 id for {@code ilp_access}. */
  static final int ILP_ACCESS_ID = 3;

  private final TorrentSession s;
  private final SecureRandom random = new SecureRandom();

  /** The tracker's key, to check the tickets peers show; null until known. */
  private PublicKey trackerKey;

  /** Our own key for this download and the newest ticket for it; null until known. */
  private KeyPair leecherKey;

  private AccessTicket ticket;

  AccessGate(TorrentSession session) {
    this.s = session;
  }

  void trackerKey(PublicKey key) {
    this.trackerKey = key;
  }

  void leecherKey(KeyPair key) {
    this.leecherKey = key;
    answerPending();
  }

  void ticket(AccessTicket newest, PublicKey issuer) {
    this.ticket = newest;
    if (issuer != null) {
      this.trackerKey = issuer;
    }
    answerPending();
  }

  /** Locks a new connection and picks its challenge; before our extension handshake goes out. */
  void lock(PeerConnection c) throws PeerProtocolException {
    if (!c.handshake.supportsExtensionProtocol()) {
      throw new PeerProtocolException("paid torrent: the peer cannot show an access ticket");
    }
    c.servingLocked = true;
    c.accessChallenge = AccessKeys.newChallenge(random);
  }

  /** The peer's extension handshake: its challenge to us, if it gates too. */
  void onHandshake(PeerConnection c, ExtensionHandshake hs) {
    c.ilpAccessId = hs.idOf(ExtensionHandshake.ILP_ACCESS).orElse(0);
    c.peerChallenge = c.ilpAccessId == 0 ? null : hs.accessChallenge().orElse(null);
    answer(c);
  }

  private void answerPending() {
    for (PeerConnection p : List.copyOf(s.peers)) {
      answer(p);
    }
  }

  /** Shows our ticket to a peer that challenged us, once we have both a ticket and its key. */
  private void answer(PeerConnection c) {
    if (c.peerChallenge == null || c.proofSent || ticket == null || leecherKey == null) {
      return;
    }
    if (!ticket.infoHash().equals(s.infoHash())) {
      return;
    }
    c.proofSent = true;
    byte[] signature =
        AccessKeys.signChallenge(leecherKey.getPrivate(), s.infoHash(), c.peerChallenge);
    c.sendExtended(c.ilpAccessId, new AccessMessage.Proof(ticket.toBytes(), signature).encode());
  }

  /** An {@code ilp_access} message sent to us. */
  void onMessage(PeerConnection c, byte[] payload) throws PeerProtocolException {
    AccessMessage m = AccessMessage.decode(payload);
    if (m instanceof AccessMessage.Granted) {
      if (c.proofSent && !c.grantedByPeer) {
        c.grantedByPeer = true;
        s.metadataExchange.onAccessGranted(c);
      }
      return;
    }
    AccessMessage.Proof p = (AccessMessage.Proof) m;
    if (!c.servingLocked) {
      return; // granted already: a repeat changes nothing
    }
    if (c.ilpAccessId == 0) {
      throw new PeerProtocolException("ilp_access: a proof from a peer that does not take grants");
    }
    if (trackerKey == null) {
      throw new PeerProtocolException("ilp_access: no tracker key known for this torrent yet");
    }
    try {
      AccessTicket.parse(p.ticket())
          .verifyHolder(
              trackerKey,
              s.infoHash(),
              Instant.ofEpochMilli(s.ctx.now()),
              c.accessChallenge,
              p.signature());
    } catch (InvalidTicketException e) {
      throw new PeerProtocolException(e.getMessage());
    }
    grant(c);
  }

  /** Opens the connection: the grant, then what we have, then serving as usual. */
  private void grant(PeerConnection c) {
    c.servingLocked = false;
    c.sendExtended(c.ilpAccessId, new AccessMessage.Granted().encode());
    TorrentInfo t = s.metadata;
    if (t != null && s.picker != null) {
      BitSet have = s.picker.have();
      if (!have.isEmpty()) {
        // a BITFIELD after other messages, as the extension says: HAVE_ALL may only come first
        c.sendBare(new PeerMessage.Bitfield(Bitfields.toBytes(have, t.pieceCount())));
      }
    }
    if (c.peerInterested && c.amChoking && s.choker.unchokeNow(s.peers)) {
      s.messages.setChoking(c, false);
    }
  }

  /** Closes connections that opened no way within the deadline. */
  void tick(long now) {
    for (PeerConnection p : List.copyOf(s.peers)) {
      if (p.servingLocked && !p.grantedByPeer && now - p.openedAt > DEADLINE_MILLIS) {
        p.close("paid torrent: no access ticket within 10 s");
      }
    }
  }
}
