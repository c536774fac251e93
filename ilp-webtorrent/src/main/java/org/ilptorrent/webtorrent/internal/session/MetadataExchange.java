package org.ilptorrent.webtorrent.internal.session;

import java.util.List;
import java.util.OptionalInt;
import org.ilptorrent.parse.Torrent;
import org.ilptorrent.webtorrent.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake;
import org.ilptorrent.webtorrent.internal.ext.MetadataAssembler;
import org.ilptorrent.webtorrent.internal.ext.MetadataMessage;

/**
 * ut_metadata (BEP 9) for one session: fetches the info dict of a magnet from peers that have it, a
 * few pieces per peer at a time, and serves it once we have it. Loop thread only.
 */
final class MetadataExchange {
  private static final int PER_PEER = 4;

  private final TorrentSession s;
  private MetadataAssembler assembler;

  MetadataExchange(TorrentSession session) {
    this.s = session;
  }

  void onHandshake(PeerConnection c, ExtensionHandshake hs) {
    if (s.metadata != null
        || c.utMetadataId == 0
        || hs.metadataSize().isEmpty()
        || awaitsAccess(c)) {
      return;
    }
    long size = hs.metadataSize().getAsLong();
    if (assembler == null) {
      try {
        assembler = new MetadataAssembler(s.infoHash(), size);
      } catch (PeerProtocolException e) {
        s.warn(c.remote + " announced metadata of " + size + " bytes: " + e.getMessage());
        return;
      }
    }
    if (assembler.size() == size) {
      requestFrom(c);
    }
  }

  /** A paid torrent's peer that challenged us serves no metadata before it granted us access. */
  private static boolean awaitsAccess(PeerConnection c) {
    return c.peerChallenge != null && !c.grantedByPeer;
  }

  /** The peer granted us access: its metadata may now be asked for. */
  void onAccessGranted(PeerConnection c) {
    if (c.extensionHandshake != null) {
      onHandshake(c, c.extensionHandshake);
    }
  }

  private void requestFrom(PeerConnection c) {
    if (assembler == null
        || s.metadata != null
        || c.utMetadataId == 0
        || c.isClosed()
        || awaitsAccess(c)) {
      return;
    }
    while (c.metadataRequested.cardinality() < PER_PEER) {
      OptionalInt piece = assembler.nextToRequest();
      if (piece.isEmpty()) {
        return;
      }
      c.metadataRequested.set(piece.getAsInt());
      c.sendExtended(c.utMetadataId, new MetadataMessage.Request(piece.getAsInt()).encode());
    }
  }

  void onMessage(PeerConnection c, byte[] payload) throws PeerProtocolException {
    MetadataMessage m = MetadataMessage.decode(payload);
    Torrent t = s.metadata;
    if (m instanceof MetadataMessage.Request r) {
      if (c.utMetadataId == 0) {
        return;
      }
      MetadataMessage answer =
          t == null || c.servingLocked
              ? new MetadataMessage.Reject(r.piece())
              : MetadataMessage.answer(t.infoBytes(), r.piece());
      c.sendExtended(c.utMetadataId, answer.encode());
    } else if (m instanceof MetadataMessage.Data d) {
      if (t != null || assembler == null || !c.metadataRequested.get(d.piece())) {
        return;
      }
      c.metadataRequested.clear(d.piece());
      switch (assembler.accept(d)) {
        case COMPLETE -> {
          byte[] torrentFile = assembler.torrentFile();
          assembler = null;
          for (PeerConnection p : s.peers) {
            p.metadataRequested.clear();
          }
          s.onMetadataFetched(torrentFile);
        }
        case HASH_MISMATCH -> {
          s.warn("fetched metadata does not match the info hash; fetching it again");
          tick();
        }
        case INCOMPLETE -> requestFrom(c);
      }
    } else if (m instanceof MetadataMessage.Reject r) {
      if (assembler != null && c.metadataRequested.get(r.piece())) {
        c.metadataRequested.clear(r.piece());
        assembler.release(r.piece());
      }
    }
  }

  void peerGone(PeerConnection c) {
    if (assembler != null) {
      for (int i = c.metadataRequested.nextSetBit(0);
          i >= 0;
          i = c.metadataRequested.nextSetBit(i + 1)) {
        assembler.release(i);
      }
    }
    c.metadataRequested.clear();
  }

  /** Spreads missing pieces over the peers again (after rejects, departures, a bad hash). */
  void tick() {
    if (assembler != null && s.metadata == null) {
      for (PeerConnection p : List.copyOf(s.peers)) {
        requestFrom(p);
      }
    }
  }
}
