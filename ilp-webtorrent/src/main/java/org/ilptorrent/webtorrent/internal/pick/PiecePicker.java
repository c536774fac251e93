package org.ilptorrent.webtorrent.internal.pick;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.ilptorrent.webtorrent.internal.store.PieceGeometry;

/**
 * Decides which 16 KiB blocks to request from which peer. Pure: no I/O, no clock, no threads.
 *
 * <p><b>Order.</b> Among the pieces a peer has that we want, a piece is picked by: critical first
 * (in index order: what a stream reads next), then higher priority, then pieces already started (so
 * few pieces are open at a time), then the rarest (fewest peers have it; ties broken at random so
 * peers do not all chase the same piece), or the lowest index in {@link
 * PiecePriorities.Strategy#SEQUENTIAL}.
 *
 * <p><b>End game.</b> Once every block we want is requested, a peer with spare pipeline gets
 * duplicate requests for blocks outstanding elsewhere (at most {@code maxRequestsPerBlock} per
 * block, never twice from one peer); when a block arrives, its other requests are reported for
 * {@code cancel} messages.
 *
 * <p><b>Hash failures.</b> A completed piece waits for {@link #pieceVerified} or {@link
 * #pieceFailed}; a failed piece becomes free again, and the peers that sent its blocks are returned
 * so the session can score them.
 *
 * <p>Availability counts follow bitfields (a late bitfield replaces the earlier one), {@code have},
 * have-all/none and peers leaving; peers that have everything are counted once, not per piece. Not
 * thread-safe: one picker per torrent, used from the torrent's session thread. Peers are keys
 * compared with {@code equals}.
 *
 * @param <P> the session's peer handle
 */
public final class PiecePicker<P> {
  /** Bytes of a block, the unit of requests. */
  public static final int BLOCK = 16 * 1024;

  /** Receives picked requests. */
  @FunctionalInterface
  public interface RequestSink {
    /** Send a {@code request} for these bytes. */
    void request(int piece, int begin, int length);
  }

  /** Receives requests that became useless (end game). */
  @FunctionalInterface
  public interface CancelSink<P> {
    /** Send {@code peer} a {@code cancel} for these bytes. */
    void cancel(P peer, int piece, int begin, int length);
  }

  private final PieceGeometry geometry;
  private final int pieceCount;
  private final int maxRequestsPerBlock;
  private final RandomGenerator random;
  private final BitSet have;
  private final BitSet pending = new BitSet();
  private final BitSet started = new BitSet();
  private final PiecePriorities priorities;
  private final List<PieceProgress<P>> progress;
  private final Swarm<P> swarm;

  /**
   * A picker for a torrent of {@code totalLength} bytes in pieces of {@code pieceLength}.
   *
   * @param verified pieces we already have (from the resume check); copied
   * @param maxRequestsPerBlock outstanding requests allowed per block in end game (at least 1)
   * @param random tie-breaker among equally rare pieces
   */
  public PiecePicker(
      long totalLength,
      int pieceLength,
      BitSet verified,
      int maxRequestsPerBlock,
      RandomGenerator random) {
    this.geometry = new PieceGeometry(totalLength, pieceLength);
    this.pieceCount = geometry.pieceCount();
    if (maxRequestsPerBlock < 1 || maxRequestsPerBlock > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("maxRequestsPerBlock must be 1..127");
    }
    this.maxRequestsPerBlock = maxRequestsPerBlock;
    this.random = Objects.requireNonNull(random, "random");
    this.have = verified.get(0, pieceCount);
    this.swarm = new Swarm<>(pieceCount);
    this.priorities = new PiecePriorities(pieceCount);
    this.progress = new ArrayList<>(java.util.Collections.nCopies(pieceCount, null));
  }

  // ---- peers ------------------------------------------------------------------------------

  /** A peer sent its bitfield (bits past the last piece are ignored); replaces what it had. */
  public void peerBitfield(P peer, BitSet bits) {
    swarm.bitfield(peer, bits);
  }

  /**
   * A peer announced a piece.
   *
   * @return whether it is a piece we want, so the peer became interesting
   */
  public boolean peerHave(P peer, int piece) {
    swarm.have(peer, piece);
    return wanted(piece);
  }

  /** A peer has every piece (fast extension, or a full bitfield the session recognised). */
  public void peerHaveAll(P peer) {
    swarm.haveAll(peer);
  }

  /** A peer has no piece. */
  public void peerHaveNone(P peer) {
    swarm.haveNone(peer);
  }

  /** A peer disconnected: its requests are free again and it no longer counts. */
  public void peerGone(P peer) {
    releaseAll(peer);
    swarm.remove(peer);
  }

  /** Whether {@code peer} has a piece we still want. */
  public boolean isInteresting(P peer) {
    Swarm.Peer ps = swarm.get(peer);
    if (ps == null) {
      return false;
    }
    for (int i = have.nextClearBit(0); i < pieceCount; i = have.nextClearBit(i + 1)) {
      if (priorities.selected(i) && ps.has(i)) {
        return true;
      }
    }
    return false;
  }

  /** Requests outstanding at {@code peer}. */
  public int outstanding(P peer) {
    Swarm.Peer ps = swarm.get(peer);
    return ps == null ? 0 : ps.requests.size();
  }

  /** How many known peers have {@code piece}. */
  public int availability(int piece) {
    return swarm.availability(piece);
  }

  /** Which pieces are wanted, and their order: select, deselect, critical, strategy. */
  public PiecePriorities priorities() {
    return priorities;
  }

  // ---- picking ----------------------------------------------------------------------------

  /**
   * Picks up to {@code count} new requests for {@code peer} and hands them to {@code sink}.
   *
   * @return how many were picked
   */
  public int pick(P peer, int count, RequestSink sink) {
    return pick(peer, count, null, sink);
  }

  /**
   * Like {@link #pick(Object, int, RequestSink)}, but only from pieces in {@code only} (when not
   * null): the allowed fast set of a peer that chokes us (BEP 6).
   *
   * @return how many were picked
   */
  public int pick(P peer, int count, BitSet only, RequestSink sink) {
    Swarm.Peer ps = swarm.get(peer);
    if (ps == null || count <= 0) {
      return 0;
    }
    int picked = 0;
    while (picked < count) {
      int piece = best(ps, only);
      if (piece < 0) {
        break;
      }
      PieceProgress<P> pp = progressOf(piece);
      for (int b = pp.firstFree(); b >= 0 && picked < count; b = pp.firstFree()) {
        issue(ps, piece, b, pp, sink);
        picked++;
      }
    }
    if (picked < count && allBlocksRequested()) {
      picked += endGame(ps, only, count - picked, sink);
    }
    return picked;
  }

  /**
   * The best piece {@code ps} can give us that has a free block, or -1. A linear scan: picking runs
   * once per piece started, so a download costs O(pieces²) comparisons, about 17 million for a
   * 4,096-piece torrent.
   */
  private int best(Swarm.Peer ps, BitSet only) {
    int start =
        priorities.strategy() == PiecePriorities.Strategy.RAREST_FIRST
            ? random.nextInt(pieceCount)
            : 0;
    int best = -1;
    for (int k = 0; k < pieceCount; k++) {
      int i = start + k < pieceCount ? start + k : start + k - pieceCount;
      if (!pickable(ps, only, i)) {
        continue;
      }
      PieceProgress<P> pp = progress.get(i);
      if (pp != null && pp.free == 0) {
        continue;
      }
      if (best < 0 || priorities.better(i, best, started, swarm.counts())) {
        best = i;
      }
    }
    return best;
  }

  private boolean pickable(Swarm.Peer ps, BitSet only, int i) {
    return wanted(i) && !pending.get(i) && ps.has(i) && (only == null || only.get(i));
  }

  private int endGame(Swarm.Peer ps, BitSet only, int budget, RequestSink sink) {
    int picked = 0;
    for (int i = started.nextSetBit(0); i >= 0 && picked < budget; i = started.nextSetBit(i + 1)) {
      if (!pickable(ps, only, i)) {
        continue;
      }
      PieceProgress<P> pp = progress.get(i);
      for (int b = 0; b < pp.blocks() && picked < budget; b++) {
        if (pp.state[b] == PieceProgress.REQUESTED
            && pp.requests[b] < maxRequestsPerBlock
            && !ps.requests.contains(RequestSet.key(i, b))) {
          issue(ps, i, b, pp, sink);
          picked++;
        }
      }
    }
    return picked;
  }

  private void issue(Swarm.Peer ps, int piece, int block, PieceProgress<P> pp, RequestSink sink) {
    pp.request(block);
    ps.requests.add(RequestSet.key(piece, block));
    sink.request(piece, block * BLOCK, blockLength(piece, block));
  }

  /** Whether every block of every wanted piece is requested or received. */
  public boolean allBlocksRequested() {
    for (int i = have.nextClearBit(0); i < pieceCount; i = have.nextClearBit(i + 1)) {
      if (!priorities.selected(i) || pending.get(i)) {
        continue;
      }
      PieceProgress<P> pp = progress.get(i);
      if (pp == null || pp.free > 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether we are in end game: every wanted block requested, some still missing. */
  public boolean isEndGame() {
    return !isComplete() && allBlocksRequested();
  }

  // ---- delivery ---------------------------------------------------------------------------

  /**
   * A block arrived from {@code peer}. Other outstanding requests for it are handed to {@code
   * cancels}.
   */
  public BlockStatus onBlock(P peer, int piece, int begin, int length, CancelSink<P> cancels) {
    if (piece < 0 || piece >= pieceCount || begin < 0 || begin % BLOCK != 0) {
      return BlockStatus.INVALID;
    }
    int block = begin / BLOCK;
    if (block >= blocksIn(piece) || length != blockLength(piece, block)) {
      return BlockStatus.INVALID;
    }
    long key = RequestSet.key(piece, block);
    Swarm.Peer ps = swarm.get(peer);
    boolean requestedHere = ps != null && ps.requests.remove(key);
    PieceProgress<P> pp = progress.get(piece);
    if (have.get(piece)
        || pending.get(piece)
        || (pp != null && pp.state[block] == PieceProgress.RECEIVED)) {
      return BlockStatus.DUPLICATE;
    }
    if (pp == null) {
      return BlockStatus.UNWANTED;
    }
    if (pp.requests[block] > (requestedHere ? 1 : 0)) {
      for (Map.Entry<P, Swarm.Peer> e : swarm.peers().entrySet()) {
        if (!e.getKey().equals(peer) && e.getValue().requests.remove(key)) {
          cancels.cancel(e.getKey(), piece, begin, length);
        }
      }
    }
    pp.receive(block, peer);
    if (pp.complete()) {
      pending.set(piece);
      return BlockStatus.PIECE_COMPLETE;
    }
    return BlockStatus.ACCEPTED;
  }

  /**
   * A request will not be answered (rejected, timed out, or the peer choked us): its block is free
   * again unless another peer was asked too.
   *
   * @return whether the request was outstanding
   */
  public boolean release(P peer, int piece, int begin) {
    Swarm.Peer ps = swarm.get(peer);
    if (ps == null || piece < 0 || piece >= pieceCount || begin < 0 || begin % BLOCK != 0) {
      return false;
    }
    if (!ps.requests.remove(RequestSet.key(piece, begin / BLOCK))) {
      return false;
    }
    PieceProgress<P> pp = progress.get(piece);
    if (pp != null) {
      pp.release(begin / BLOCK);
    }
    return true;
  }

  /** Every request outstanding at {@code peer} is dropped (it choked us, or went away). */
  public void releaseAll(P peer) {
    Swarm.Peer ps = swarm.get(peer);
    if (ps == null) {
      return;
    }
    for (int k = 0; k < ps.requests.size(); k++) {
      long key = ps.requests.get(k);
      PieceProgress<P> pp = progress.get(RequestSet.piece(key));
      if (pp != null) {
        pp.release(RequestSet.block(key));
      }
    }
    ps.requests.clear();
  }

  /** A completed piece matched its hash: we have it. */
  public void pieceVerified(int piece) {
    Objects.checkIndex(piece, pieceCount);
    pending.clear(piece);
    started.clear(piece);
    progress.set(piece, null);
    have.set(piece);
  }

  /**
   * A completed piece failed its hash: all its blocks are wanted again.
   *
   * @return the peers that sent its blocks
   */
  public List<P> pieceFailed(int piece) {
    Objects.checkIndex(piece, pieceCount);
    PieceProgress<P> pp = progress.get(piece);
    pending.clear(piece);
    started.clear(piece);
    progress.set(piece, null);
    return pp == null ? List.of() : List.copyOf(pp.contributors);
  }

  // ---- state ------------------------------------------------------------------------------

  /** Whether we have {@code piece}. */
  public boolean has(int piece) {
    return have.get(Objects.checkIndex(piece, pieceCount));
  }

  /** A copy of the pieces we have. */
  public BitSet have() {
    return (BitSet) have.clone();
  }

  /** Whether every wanted piece is verified. */
  public boolean isComplete() {
    for (int i = have.nextClearBit(0); i < pieceCount; i = have.nextClearBit(i + 1)) {
      if (priorities.selected(i)) {
        return false;
      }
    }
    return true;
  }

  /** Blocks in {@code piece}. */
  public int blocksIn(int piece) {
    return (geometry.pieceLength(piece) + BLOCK - 1) / BLOCK;
  }

  /** Bytes of block {@code block} of {@code piece}: 16 KiB but for a piece's last block. */
  public int blockLength(int piece, int block) {
    return Math.min(BLOCK, geometry.pieceLength(piece) - block * BLOCK);
  }

  private boolean wanted(int piece) {
    return !have.get(piece) && priorities.selected(piece);
  }

  private PieceProgress<P> progressOf(int piece) {
    PieceProgress<P> pp = progress.get(piece);
    if (pp == null) {
      pp = new PieceProgress<>(blocksIn(piece));
      progress.set(piece, pp);
      started.set(piece);
    }
    return pp;
  }
}
