package org.ilptorrent.webtorrent.internal.session;

import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.ilptorrent.magnet.InfoHash;
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
 *
 * <p>Per peer it keeps {@link PeerRequests} (owned by the connection) and reads the peer's
 * ut_metadata id from its {@link PeerState} and whether it awaits access from its {@link
 * PeerAccess}. Threads: loop thread only.
 */
final class MetadataExchange {
  private static final int PER_PEER = 4;

  /** Sizes fetched at once: each holds a buffer of up to 8 MiB. */
  static final int MAX_SIZES = 3;

  /** A metadata request unanswered this long goes to another peer. */
  static final long TIMEOUT_MILLIS = 5_000;

  /** How long a peer that rejected or timed out is not asked for metadata. */
  static final long PAUSE_MILLIS = 30_000;

  /** One peer's side of the exchange; owned by its connection, used here only. */
  static final class PeerRequests {
    /** The metadata pieces asked of this peer and not answered. */
    final BitSet requested = new BitSet();

    /** The metadata_size this peer announced (BEP 9), 0 when none. */
    long size;

    /** When this peer's oldest unanswered metadata request was sent, or it last answered one. */
    long askedAt;

    /** No metadata requests to this peer before this time: it rejected one or kept silent. */
    long pausedUntil;
  }

  private final TorrentState torrent;
  private final InfoHash infoHash;
  private final LongSupplier clock;
  private final PeerPool pool;
  private final SessionEvents events;
  private final Consumer<byte[]> fetched;

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

  /**
   * @param clock the time in milliseconds
   * @param pool the peers, to ask and to ban
   * @param fetched takes the verified .torrent bytes made from the fetched info dict
   */
  MetadataExchange(
      TorrentState torrent,
      InfoHash infoHash,
      LongSupplier clock,
      PeerPool pool,
      SessionEvents events,
      Consumer<byte[]> fetched) {
    this.torrent = torrent;
    this.infoHash = infoHash;
    this.clock = clock;
    this.pool = pool;
    this.events = events;
    this.fetched = fetched;
  }

  void onHandshake(PeerConnection c, ExtensionHandshake hs) {
    if (torrent.metadata() != null
        || c.state.utMetadataId == 0
        || hs.metadataSize().isEmpty()
        || c.access.awaitsGrant()) {
      return;
    }
    long size = hs.metadataSize().getAsLong();
    if (size <= 0 || size > MetadataAssembler.MAX_METADATA_SIZE) {
      events.warn(c.remote + " announced metadata of " + size + " bytes: refused");
      return;
    }
    if (c.metadataFetch.size != size) {
      releaseAll(c); // a second handshake with another size
      c.metadataFetch.size = size;
    }
    requestFrom(c);
  }

  /** The peer granted us access: its metadata may now be asked for. */
  void onAccessGranted(PeerConnection c) {
    if (c.state.extensionHandshake != null) {
      onHandshake(c, c.state.extensionHandshake);
    }
  }

  private void requestFrom(PeerConnection c) {
    if (torrent.metadata() != null
        || c.state.utMetadataId == 0
        || c.metadataFetch.size == 0
        || c.isClosed()
        || c.access.awaitsGrant()
        || clock.getAsLong() < c.metadataFetch.pausedUntil) {
      return;
    }
    Attempt a = attemptFor(c.metadataFetch.size);
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
    while (c.metadataFetch.requested.cardinality() < PER_PEER) {
      OptionalInt piece = a.assembler.nextToRequest();
      if (piece.isEmpty()) {
        return;
      }
      if (c.metadataFetch.requested.isEmpty()) {
        c.metadataFetch.askedAt = clock.getAsLong();
      }
      c.metadataFetch.requested.set(piece.getAsInt());
      c.sendExtended(c.state.utMetadataId, new MetadataMessage.Request(piece.getAsInt()).encode());
    }
  }

  private boolean canAsk(PeerConnection c) {
    return !c.isClosed()
        && clock.getAsLong() >= c.metadataFetch.pausedUntil
        && pool.peers().contains(c);
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
      Attempt a = new Attempt(new MetadataAssembler(infoHash, size), oneSource);
      attempts.put(size, a);
      return a;
    } catch (PeerProtocolException e) {
      return null; // sizes are checked in onHandshake
    }
  }

  /** Frees the room of sizes that no peer able to answer now has announced. */
  private void dropStalledAttempts() {
    Set<Long> live = new HashSet<>();
    for (PeerConnection p : pool.peers()) {
      if (canAsk(p) && p.state.utMetadataId != 0) {
        live.add(p.metadataFetch.size);
      }
    }
    attempts.keySet().removeIf(size -> !live.contains(size));
  }

  void onMessage(PeerConnection c, byte[] payload) throws PeerProtocolException {
    MetadataMessage m = MetadataMessage.decode(payload);
    TorrentInfo t = torrent.metadata();
    if (m instanceof MetadataMessage.Request r) {
      if (c.state.utMetadataId == 0) {
        return;
      }
      MetadataMessage answer =
          t == null || c.state.servingLocked
              ? new MetadataMessage.Reject(r.piece())
              : MetadataMessage.answer(t.infoBytes(), r.piece());
      c.sendExtended(c.state.utMetadataId, answer.encode());
    } else if (m instanceof MetadataMessage.Data d) {
      Attempt a = attempts.get(c.metadataFetch.size);
      if (t != null || a == null || !c.metadataFetch.requested.get(d.piece())) {
        return;
      }
      // a piece that does not fit throws and stays marked, so peerGone releases it
      MetadataAssembler.Progress progress = a.assembler.accept(d);
      c.metadataFetch.requested.clear(d.piece());
      c.metadataFetch.askedAt = clock.getAsLong();
      if (a.senders[d.piece()] == null) {
        a.senders[d.piece()] = c;
      }
      switch (progress) {
        case COMPLETE -> {
          byte[] torrentFile = a.assembler.torrentFile();
          attempts.clear();
          for (PeerConnection p : pool.peers()) {
            p.metadataFetch.requested.clear();
          }
          fetched.accept(torrentFile);
        }
        case HASH_MISMATCH -> onHashMismatch(c.metadataFetch.size, a);
        case INCOMPLETE -> requestFrom(c);
      }
    } else if (m instanceof MetadataMessage.Reject r) {
      if (c.metadataFetch.requested.get(r.piece())) {
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
      pool.ban(liar, "sent metadata of " + size + " bytes that does not match the info hash");
    } else {
      events.warn(
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
    events.warn(c.remote + " " + why + "; asking other peers");
    c.metadataFetch.pausedUntil = clock.getAsLong() + PAUSE_MILLIS;
    releaseAll(c);
    spread();
  }

  private void releaseAll(PeerConnection c) {
    Attempt a = attempts.get(c.metadataFetch.size);
    if (a != null) {
      for (int i = c.metadataFetch.requested.nextSetBit(0);
          i >= 0;
          i = c.metadataFetch.requested.nextSetBit(i + 1)) {
        a.assembler.release(i);
      }
      if (a.source == c) {
        a.source = null;
      }
    }
    c.metadataFetch.requested.clear();
  }

  void peerGone(PeerConnection c) {
    releaseAll(c);
  }

  /** Spreads missing pieces over the peers again. */
  private void spread() {
    if (torrent.metadata() == null) {
      for (PeerConnection p : List.copyOf(pool.peers())) {
        requestFrom(p);
      }
    }
  }

  /** Once a second: requests left unanswered too long go to other peers; then spreads again. */
  void tick(long now) {
    if (torrent.metadata() != null) {
      return;
    }
    for (PeerConnection p : List.copyOf(pool.peers())) {
      if (!p.metadataFetch.requested.isEmpty() && now - p.metadataFetch.askedAt > TIMEOUT_MILLIS) {
        pause(p, "left a metadata request unanswered");
      }
    }
    spread();
  }
}
