package org.ilptorrent.webtorrent.internal.session;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.ilptorrent.magnet.InfoHash;
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
 *
 * <p>The gate exists for every torrent and is off for a free one ({@link #isOn()}). Per peer it
 * writes the connection's {@link PeerAccess} and {@link PeerState#servingLocked}. Threads: loop
 * thread only.
 */
final class AccessGate {
  /** How long a connection may stay open without access granted either way. */
  static final long DEADLINE_MILLIS = 10_000;

  /** Our BEP 10 id for {@code ilp_access}. */
  static final int ILP_ACCESS_ID = 3;

  private final InfoHash infoHash;
  private final TorrentState torrent;
  private final List<PeerConnection> peers;
  private final LongSupplier clock;
  private final Consumer<PeerConnection> grantedByPeer;
  private final Consumer<PeerConnection> opened;
  private final SecureRandom random = new SecureRandom();

  /** Set before start (any thread, then posted to the loop) or on the loop; read from any. */
  private volatile boolean on;

  /** The tracker's key, to check the tickets peers show; null until known. */
  private PublicKey trackerKey;

  /** Our own key for this download and the newest ticket for it; null until known. */
  private KeyPair leecherKey;

  private AccessTicket ticket;

  /**
   * @param peers the torrent's connected peers (a live list)
   * @param clock the time in milliseconds
   * @param grantedByPeer told when a peer let us in (its metadata may then be asked for)
   * @param opened told when we let a peer in (it may then be unchoked)
   */
  AccessGate(
      InfoHash infoHash,
      TorrentState torrent,
      List<PeerConnection> peers,
      LongSupplier clock,
      Consumer<PeerConnection> grantedByPeer,
      Consumer<PeerConnection> opened) {
    this.infoHash = infoHash;
    this.torrent = torrent;
    this.peers = peers;
    this.clock = clock;
    this.grantedByPeer = grantedByPeer;
    this.opened = opened;
  }

  /** Gates every connection from now on: the torrent is paid. */
  void turnOn() {
    on = true;
  }

  /** Whether connections are gated (a paid torrent). */
  boolean isOn() {
    return on;
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

  /**
   * Locks a new connection and picks its challenge; before our extension handshake goes out. A
   * transport's stream is not locked: the tracker forwarded the offer or routed the answer that
   * opened it only because it admitted the peer (see {@link
   * org.ilptorrent.webtorrent.PeerTransport}), and browsers do not speak {@code ilp_access}; it is
   * still challenged, and a ticket it shows is checked.
   */
  void lock(PeerConnection c) throws PeerProtocolException {
    if (c.stream != null) {
      c.access.challenge = AccessKeys.newChallenge(random);
      return;
    }
    if (!c.handshake.supportsExtensionProtocol()) {
      throw new PeerProtocolException("paid torrent: the peer cannot show an access ticket");
    }
    c.state.servingLocked = true;
    c.access.challenge = AccessKeys.newChallenge(random);
  }

  /** The peer's extension handshake: its challenge to us, if it gates too. */
  void onHandshake(PeerConnection c, ExtensionHandshake hs) {
    c.access.extensionId = hs.idOf(ExtensionHandshake.ILP_ACCESS).orElse(0);
    c.access.peerChallenge = c.access.extensionId == 0 ? null : hs.accessChallenge().orElse(null);
    answer(c);
  }

  private void answerPending() {
    for (PeerConnection p : List.copyOf(peers)) {
      answer(p);
    }
  }

  /** Shows our ticket to a peer that challenged us, once we have both a ticket and its key. */
  private void answer(PeerConnection c) {
    PeerAccess a = c.access;
    if (a.peerChallenge == null || a.proofSent || ticket == null || leecherKey == null) {
      return;
    }
    if (!ticket.infoHash().equals(infoHash)) {
      return;
    }
    a.proofSent = true;
    byte[] signature = AccessKeys.signChallenge(leecherKey.getPrivate(), infoHash, a.peerChallenge);
    c.sendExtended(a.extensionId, new AccessMessage.Proof(ticket.toBytes(), signature).encode());
  }

  /** An {@code ilp_access} message sent to us. */
  void onMessage(PeerConnection c, byte[] payload) throws PeerProtocolException {
    AccessMessage m = AccessMessage.decode(payload);
    if (m instanceof AccessMessage.Granted) {
      if (c.access.proofSent && !c.access.grantedByPeer) {
        c.access.grantedByPeer = true;
        grantedByPeer.accept(c);
      }
      return;
    }
    AccessMessage.Proof p = (AccessMessage.Proof) m;
    boolean unchecked = c.stream != null && !c.access.ticketChecked;
    if (!c.state.servingLocked && !unchecked) {
      return; // granted already: a repeat changes nothing
    }
    if (c.access.extensionId == 0) {
      throw new PeerProtocolException("ilp_access: a proof from a peer that does not take grants");
    }
    if (trackerKey == null) {
      throw new PeerProtocolException("ilp_access: no tracker key known for this torrent yet");
    }
    try {
      AccessTicket.parse(p.ticket())
          .verifyHolder(
              trackerKey,
              infoHash,
              Instant.ofEpochMilli(clock.getAsLong()),
              c.access.challenge,
              p.signature());
    } catch (InvalidTicketException e) {
      throw new PeerProtocolException(e.getMessage());
    }
    c.access.ticketChecked = true;
    if (c.state.servingLocked) {
      grant(c);
    } else {
      c.sendExtended(c.access.extensionId, new AccessMessage.Granted().encode());
    }
  }

  /** Opens the connection: the grant, then what we have, then serving as usual. */
  private void grant(PeerConnection c) {
    c.state.servingLocked = false;
    c.sendExtended(c.access.extensionId, new AccessMessage.Granted().encode());
    TorrentInfo t = torrent.metadata();
    if (t != null && torrent.picker() != null) {
      BitSet have = torrent.picker().have();
      if (!have.isEmpty()) {
        // a BITFIELD after other messages, as the extension says: HAVE_ALL may only come first
        c.sendBare(new PeerMessage.Bitfield(Bitfields.toBytes(have, t.pieceCount())));
      }
    }
    opened.accept(c);
  }

  /** Closes connections that opened no way within the deadline. */
  void tick(long now) {
    for (PeerConnection p : List.copyOf(peers)) {
      if (p.state.servingLocked && !p.access.grantedByPeer && now - p.openedAt > DEADLINE_MILLIS) {
        p.close("paid torrent: no access ticket within 10 s");
      }
    }
  }
}
