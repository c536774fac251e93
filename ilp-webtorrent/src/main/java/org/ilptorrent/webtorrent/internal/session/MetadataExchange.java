package org.ilptorrent.webtorrent.internal.session;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake;
import org.ilptorrent.webtorrent.internal.ext.MetadataAssembler;
import org.ilptorrent.webtorrent.internal.ext.MetadataMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * ut_metadata (BEP 9) for one session: fetches the info dict of a magnet from peers that have it, a
 * few pieces per peer at a time, and serves it once we have it. Loop thread only.
 *
 * <p>The size comes from each peer's word ({@code metadata_size}), so a peer can lie. Every size
 * that peers announce is fetched on its own, from the peers that announced it, side by side
 * (bounded by {@link #MAX_SIZES}); the first whose bytes hash to the info hash wins. A size whose
 * bytes fail the hash is dropped together with the peer that sent them; when several peers sent
 * pieces, the next attempt at that size takes every piece from one peer, so a second failure names
 * the liar. A peer that rejects a request, or leaves one unanswered for {@link #TIMEOUT_MILLIS},
 * gets no metadata requests for {@link #PAUSE_MILLIS} and its pieces go to other peers.
 */
final class MetadataExchange {
  private static final int PER_PEER = 4;

  /** Sizes fetched at once: each holds a buffer of up to 8 MiB. */
  static final int MAX_SIZES = 3;

  /** A metadata request unanswered this long goes to another peer. */
  static final long TIMEOUT_MILLIS = 5_000;

  /** How long a peer that rejected or timed out is not asked for metadata. */
  static final long PAUSE_MILLIS = 30_000;

  private final TorrentSession s;

  /** The metadata of one announced size, being fetched. */
  private static final class Attempt {
    final MetadataAssembler assembler;

    /** Who sent each piece, to know whom to blame for a hash mismatch. */
    final PeerConnection[] senders;

    /** After a mismatch with several senders: every piece from {@link #source} only. */
    final boolean oneSource;

    PeerConnection source;

    Attempt(MetadataAssembler assembler, boolean oneSource) {
      this.assembler = assembler;
      this.senders = new PeerConnection[assembler.pieceCount()];
      this.oneSource = oneSource;
    }
  }

  private final Map<Long, Attempt> attempts = new LinkedHashMap<>();

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
    if (size <= 0 || size > MetadataAssembler.MAX_METADATA_SIZE) {
      s.warn(c.remote + " announced metadata of " + size + " bytes: refused");
      return;
    }
    if (c.metadataSize != size) {
      releaseAll(c); // a second handshake with another size
      c.metadataSize = size;
    }
    requestFrom(c);
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
    if (s.metadata != null
        || c.utMetadataId == 0
        || c.metadataSize == 0
        || c.isClosed()
        || awaitsAccess(c)
        || s.ctx.now() < c.metadataPausedUntil) {
      return;
    }
    Attempt a = attemptFor(c.metadataSize);
    if (a == null) {
      return;
    }
    if (a.oneSource) {
      if (a.source == null || !canAsk(a.source)) {
        a.source = c;
      } else if (a.source != c) {
        return;
      }
    }
    while (c.metadataRequested.cardinality() < PER_PEER) {
      OptionalInt piece = a.assembler.nextToRequest();
      if (piece.isEmpty()) {
        return;
      }
      if (c.metadataRequested.isEmpty()) {
        c.metadataAskedAt = s.ctx.now();
      }
      c.metadataRequested.set(piece.getAsInt());
      c.sendExtended(c.utMetadataId, new MetadataMessage.Request(piece.getAsInt()).encode());
    }
  }

  private boolean canAsk(PeerConnection c) {
    return !c.isClosed() && s.ctx.now() >= c.metadataPausedUntil && s.peers.contains(c);
  }

  /** The attempt for {@code size}, started if there is room; null when there is none. */
  private Attempt attemptFor(long size) {
    Attempt a = attempts.get(size);
    if (a != null) {
      return a;
    }
    if (attempts.size() >= MAX_SIZES) {
      dropStalledAttempts();
      if (attempts.size() >= MAX_SIZES) {
        return null;
      }
    }
    return start(size, false);
  }

  private Attempt start(long size, boolean oneSource) {
    try {
      Attempt a = new Attempt(new MetadataAssembler(s.infoHash(), size), oneSource);
      attempts.put(size, a);
      return a;
    } catch (PeerProtocolException e) {
      return null; // sizes are checked in onHandshake
    }
  }

  /** Frees the room of sizes that no peer able to answer now has announced. */
  private void dropStalledAttempts() {
    Set<Long> live = new HashSet<>();
    for (PeerConnection p : s.peers) {
      if (canAsk(p) && p.utMetadataId != 0) {
        live.add(p.metadataSize);
      }
    }
    attempts.keySet().removeIf(size -> !live.contains(size));
  }

  void onMessage(PeerConnection c, byte[] payload) throws PeerProtocolException {
    MetadataMessage m = MetadataMessage.decode(payload);
    TorrentInfo t = s.metadata;
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
      Attempt a = attempts.get(c.metadataSize);
      if (t != null || a == null || !c.metadataRequested.get(d.piece())) {
        return;
      }
      // a piece that does not fit throws and stays marked, so peerGone releases it
      MetadataAssembler.Progress progress = a.assembler.accept(d);
      c.metadataRequested.clear(d.piece());
      c.metadataAskedAt = s.ctx.now();
      if (a.senders[d.piece()] == null) {
        a.senders[d.piece()] = c;
      }
      switch (progress) {
        case COMPLETE -> {
          byte[] torrentFile = a.assembler.torrentFile();
          attempts.clear();
          for (PeerConnection p : s.peers) {
            p.metadataRequested.clear();
          }
          s.onMetadataFetched(torrentFile);
        }
        case HASH_MISMATCH -> onHashMismatch(c.metadataSize, a);
        case INCOMPLETE -> requestFrom(c);
      }
    } else if (m instanceof MetadataMessage.Reject r) {
      if (c.metadataRequested.get(r.piece())) {
        pause(c, "rejected a metadata request");
      }
    }
  }

  private void onHashMismatch(long size, Attempt a) {
    Set<PeerConnection> senders = new HashSet<>();
    for (PeerConnection p : a.senders) {
      if (p != null) {
        senders.add(p);
      }
    }
    attempts.remove(size);
    if (senders.size() == 1) {
      PeerConnection liar = senders.iterator().next();
      s.ban(liar, "sent metadata of " + size + " bytes that does not match the info hash");
    } else {
      s.warn(
          "metadata of "
              + size
              + " bytes from "
              + senders.size()
              + " peers does not match the info hash; fetching it again from one peer");
      start(size, true);
    }
    spread();
  }

  /** Stops asking {@code c} for a while and hands its pieces to the others. */
  private void pause(PeerConnection c, String why) {
    s.warn(c.remote + " " + why + "; asking other peers");
    c.metadataPausedUntil = s.ctx.now() + PAUSE_MILLIS;
    releaseAll(c);
    spread();
  }

  private void releaseAll(PeerConnection c) {
    Attempt a = attempts.get(c.metadataSize);
    if (a != null) {
      for (int i = c.metadataRequested.nextSetBit(0);
          i >= 0;
          i = c.metadataRequested.nextSetBit(i + 1)) {
        a.assembler.release(i);
      }
      if (a.source == c) {
        a.source = null;
      }
    }
    c.metadataRequested.clear();
  }

  void peerGone(PeerConnection c) {
    releaseAll(c);
  }

  /** Spreads missing pieces over the peers again. */
  private void spread() {
    if (s.metadata == null) {
      for (PeerConnection p : List.copyOf(s.peers)) {
        requestFrom(p);
      }
    }
  }

  /** Once a second: requests left unanswered too long go to other peers; then spreads again. */
  void tick(long now) {
    if (s.metadata != null) {
      return;
    }
    for (PeerConnection p : List.copyOf(s.peers)) {
      if (!p.metadataRequested.isEmpty() && now - p.metadataAskedAt > TIMEOUT_MILLIS) {
        pause(p, "left a metadata request unanswered");
      }
    }
    spread();
  }
}
