package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.TorrentListener;
import org.ilptorrent.webtorrent.internal.store.Padding;

/**
 * What becomes of completed pieces: hashed on the pool, then verified (announced with {@code have},
 * readable by streams, counted) or failed (fetched again, its senders scored and banned past the
 * limit), and the torrent done once every piece is verified.
 *
 * <p>Threads: loop thread only, except {@link #verifiedBytes()} (any thread); hashing runs on the
 * {@link PieceHasher}'s pool and its outcome comes back to the loop through {@code loop}.
 */
final class PieceCompletion {
  /** What the download side does about a checked piece; loop thread. */
  interface Peers {
    /** A piece failed and is wanted again: every peer's pipeline may take more. */
    void refillAll();

    /** Every piece is verified: nothing more to download from {@code p}. */
    void doneWith(PeerConnection p);
  }

  private final TorrentState torrent;
  private final PieceHasher hasher;
  private final Executor loop;
  private final int banAfterFailedPieces;
  private final PeerPool pool;
  private final PieceAvailability availability;
  private final SessionEvents events;
  private final Peers downloads;
  private final Consumer<Throwable> fail;
  private final BooleanSupplier closed;

  /** Who sent blocks of each piece in progress, to score them when the piece is checked. */
  private final Map<Integer, Set<PeerConnection>> contributors = new HashMap<>();

  /** Pieces a peer sent non-zero bytes of padding for: they fail whatever their hash says. */
  private final BitSet nonZeroPadding = new BitSet();

  private Padding padding;

  private volatile long verifiedBytes;
  private int verifiedPieces;
  private boolean doneReported;

  /**
   * @param loop runs the hash outcome on the loop thread
   * @param pool the peers, to announce pieces to and to ban from
   * @param fail a terminal failure of the torrent; {@code closed} says whether it ended
   */
  PieceCompletion(
      TorrentState torrent,
      PieceHasher hasher,
      Executor loop,
      int banAfterFailedPieces,
      PeerPool pool,
      PieceAvailability availability,
      SessionEvents events,
      Peers downloads,
      Consumer<Throwable> fail,
      BooleanSupplier closed) {
    this.torrent = torrent;
    this.hasher = hasher;
    this.loop = loop;
    this.banAfterFailedPieces = banAfterFailedPieces;
    this.pool = pool;
    this.availability = availability;
    this.events = events;
    this.downloads = downloads;
    this.fail = fail;
    this.closed = closed;
  }

  long verifiedBytes() {
    return verifiedBytes;
  }

  /** Whether every piece is verified (false before the metadata is known). */
  boolean isSeeding() {
    TorrentInfo t = torrent.metadata();
    return t != null && verifiedPieces == t.pieceCount();
  }

  /** The resume check found {@code have} in {@code store}. */
  void resumed(BitSet have, PieceStore store) {
    long bytes = 0;
    for (int i = have.nextSetBit(0); i >= 0; i = have.nextSetBit(i + 1)) {
      bytes += store.pieceLength(i);
      verifiedPieces++;
    }
    verifiedBytes = bytes;
  }

  /** {@code from} delivered a block of {@code piece}. */
  void received(int piece, PeerConnection from) {
    contributors.computeIfAbsent(piece, k -> new HashSet<>(2)).add(from);
  }

  void peerGone(PeerConnection c) {
    for (Set<PeerConnection> senders : contributors.values()) {
      senders.remove(c);
    }
  }

  /** Notes a block about to be stored that has non-zero bytes where the torrent has padding. */
  void checkPadding(int piece, int begin, ByteBuffer block) {
    TorrentInfo t = torrent.metadata();
    if (padding == null) {
      padding = Padding.of(t.files(), t.pieceLength());
    }
    if (!padding.zerosWherePadding(piece, begin, block)) {
      nonZeroPadding.set(piece);
    }
  }

  /** Hashes a piece whose blocks are all stored, off the loop; the outcome comes back to it. */
  void verify(int piece) {
    TorrentInfo t = torrent.metadata();
    PieceStore store = torrent.store();
    hasher
        .verify(store, piece, t.pieceHash(piece))
        .whenComplete(
            (ok, error) ->
                loop.execute(
                    () -> {
                      if (closed.getAsBoolean() || store != torrent.store()) {
                        return;
                      }
                      boolean badPadding = nonZeroPadding.get(piece);
                      nonZeroPadding.clear(piece);
                      if (error != null) {
                        fail.accept(error);
                      } else if (badPadding) {
                        failed(piece, "had non-zero bytes in padding (BEP 47)");
                      } else if (ok) {
                        verified(piece);
                      } else {
                        failed(piece, "failed its hash check");
                      }
                    }));
  }

  private void verified(int piece) {
    torrent.picker().pieceVerified(piece);
    verifiedPieces++;
    verifiedBytes += torrent.store().pieceLength(piece);
    availability.set(piece);
    for (PeerConnection c : contributors.getOrDefault(piece, Set.of())) {
      c.state.goodPieces++;
    }
    contributors.remove(piece);
    for (PeerConnection p : List.copyOf(pool.peers())) {
      if (!p.state.peerSeed && !p.state.peerPieces.get(piece)) {
        p.sendHave(piece);
      }
    }
    events.emit(l -> l.onPieceVerified(piece));
    checkDone();
  }

  private void failed(int piece, String why) {
    List<PeerConnection> senders = torrent.picker().pieceFailed(piece);
    contributors.remove(piece);
    events.warn("piece " + piece + " " + why + "; fetching it again");
    for (PeerConnection c : senders) {
      PeerState st = c.state;
      st.failedPieces++;
      if (st.failedPieces >= banAfterFailedPieces && st.failedPieces > st.goodPieces) {
        pool.ban(c, "sent data of " + st.failedPieces + " pieces that failed their hash check");
      }
    }
    downloads.refillAll();
  }

  /** Once every piece is verified: flush, lose interest, drop other seeds, report done once. */
  void checkDone() {
    if (!isSeeding() || doneReported) {
      return;
    }
    doneReported = true;
    try {
      torrent.store().flush();
    } catch (IOException e) {
      fail.accept(e);
      return;
    }
    for (PeerConnection p : List.copyOf(pool.peers())) {
      downloads.doneWith(p);
    }
    events.emit(TorrentListener::onDone);
    events.complete();
  }
}
