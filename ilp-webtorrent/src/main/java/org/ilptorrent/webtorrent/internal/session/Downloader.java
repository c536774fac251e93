package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.internal.pick.BlockStatus;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.pick.PipelineDepth;
import org.ilptorrent.webtorrent.internal.wire.Bitfields;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * The download side of the peer wire: what each peer has (have, bitfield, have_all/none), our
 * interest, the request pipeline to each peer (choke, unchoke, allowed_fast, reject), blocks into
 * storage and on to {@link PieceCompletion}, and snubbing peers. Reads and writes the {@link
 * PeerState} of the peer at hand; talks to the rest of the torrent only through what it is given.
 *
 * <p>Threads: loop thread only.
 */
final class Downloader implements PieceCompletion.Peers {
  /** Before metadata, a peer's {@code have} beyond this index is refused (no huge bitsets). */
  private static final int MAX_EARLY_PIECE = 1 << 19;

  /** A peer that sent no block for this long while we waited has its requests given to others. */
  static final long SNUB_MILLIS = 30_000;

  private final TorrentState torrent;
  private final PipelineDepth pipeline;
  private final PieceCompletion completion;
  private final TransferCounters counters;
  private final List<PeerConnection> peers;
  private final LongSupplier clock;
  private final Consumer<Throwable> fail;
  private final TokenBucket limit;
  private final Runnable refillAllLater = this::refillAll;

  /**
   * @param peers the torrent's connected peers (a live list)
   * @param clock the time in milliseconds
   * @param fail a terminal failure of the torrent (storage could not be written)
   */
  Downloader(
      TorrentState torrent,
      PipelineDepth pipeline,
      PieceCompletion completion,
      TransferCounters counters,
      List<PeerConnection> peers,
      LongSupplier clock,
      Consumer<Throwable> fail,
      TokenBucket limit) {
    this.torrent = torrent;
    this.pipeline = pipeline;
    this.completion = completion;
    this.counters = counters;
    this.peers = peers;
    this.clock = clock;
    this.fail = fail;
    this.limit = limit;
  }

  // ---- what the peer has ----

  /** Checks what a peer announced before the metadata came, now that the piece count is known. */
  void checkEarlyPieces(PeerConnection c, int pieceCount) throws PeerProtocolException {
    PeerState st = c.state;
    if (st.earlyBitfield != null) {
      st.peerPieces = Bitfields.toBitSet(st.earlyBitfield, pieceCount);
      st.earlyBitfield = null;
    } else if (st.peerPieces.length() > pieceCount) {
      throw new PeerProtocolException("have beyond the last piece " + (pieceCount - 1));
    }
  }

  /** Hands the peer's known pieces to a picker created after it connected. */
  void feedPicker(PeerConnection c) {
    if (c.state.peerSeed) {
      torrent.picker().peerHaveAll(c);
    } else {
      torrent.picker().peerBitfield(c, c.state.peerPieces);
    }
  }

  /** Two seeds have nothing to give each other: the connection goes, as in WebTorrent. */
  void closeIfBothSeeding(PeerConnection c) {
    TorrentInfo t = torrent.metadata();
    if (t != null && completion.isSeeding() && c.state.hasAll(t.pieceCount())) {
      c.close("both seeding");
    }
  }

  void onHave(PeerConnection c, int piece) throws PeerProtocolException {
    TorrentInfo t = torrent.metadata();
    int limit = t == null ? MAX_EARLY_PIECE : t.pieceCount();
    if (piece >= limit) {
      throw new PeerProtocolException("have " + piece + " beyond the last piece");
    }
    if (c.state.peerSeed) {
      return;
    }
    c.state.peerPieces.set(piece);
    PiecePicker<PeerConnection> picker = torrent.picker();
    if (picker != null && picker.peerHave(c, piece)) {
      setInterested(c, true);
      refill(c);
    }
    closeIfBothSeeding(c);
  }

  void onBitfield(PeerConnection c, byte[] bits) throws PeerProtocolException {
    TorrentInfo t = torrent.metadata();
    if (t == null) {
      c.state.earlyBitfield = bits;
      return;
    }
    BitSet pieces = Bitfields.toBitSet(bits, t.pieceCount());
    c.state.peerSeed = Bitfields.isFull(pieces, t.pieceCount());
    c.state.peerPieces = c.state.peerSeed ? new BitSet() : pieces;
    if (torrent.picker() != null) {
      feedPicker(c);
      updateInterest(c);
    }
    closeIfBothSeeding(c);
  }

  void onHaveAll(PeerConnection c) {
    c.state.peerSeed = true;
    c.state.peerPieces.clear();
    if (torrent.picker() != null) {
      torrent.picker().peerHaveAll(c);
      updateInterest(c);
    }
    closeIfBothSeeding(c);
  }

  void onHaveNone(PeerConnection c) {
    c.state.peerSeed = false;
    c.state.peerPieces.clear();
    if (torrent.picker() != null) {
      torrent.picker().peerHaveNone(c);
    }
  }

  // ---- choking and the pipeline ----

  void onChoke(PeerConnection c) {
    c.state.peerChoking = true;
    if (!c.fast()) {
      dropRequests(c);
    }
  }

  void onUnchoke(PeerConnection c) {
    c.state.peerChoking = false;
    refill(c);
  }

  void onAllowedFast(PeerConnection c, int piece) {
    TorrentInfo t = torrent.metadata();
    if (t != null && piece < t.pieceCount()) {
      c.state.allowedFast.set(piece);
      if (c.state.peerChoking) {
        refill(c);
      }
    }
  }

  void onReject(PeerConnection c, int piece, int begin) {
    if (c.state.sent.remove(piece, begin) && torrent.picker() != null) {
      torrent.picker().release(c, piece, begin);
    }
  }

  void setInterested(PeerConnection c, boolean interested) {
    if (c.state.amInterested != interested && !c.isClosed()) {
      c.state.amInterested = interested;
      c.sendBare(interested ? PeerMessage.Interested.INSTANCE : PeerMessage.NotInterested.INSTANCE);
    }
  }

  void updateInterest(PeerConnection c) {
    PiecePicker<PeerConnection> picker = torrent.picker();
    if (picker == null || c.isClosed()) {
      return;
    }
    boolean want = picker.isInteresting(c);
    setInterested(c, want);
    if (want) {
      refill(c);
    }
  }

  /** Tops up the peer's request pipeline, once a quarter of it has drained. */
  void refill(PeerConnection c) {
    PiecePicker<PeerConnection> picker = torrent.picker();
    PeerState st = c.state;
    if (picker == null || !st.amInterested || c.isClosed()) {
      return;
    }
    BitSet only = null;
    if (st.peerChoking) {
      if (!c.fast() || st.allowedFast.isEmpty()) {
        return;
      }
      only = st.allowedFast;
    }
    int depth = pipeline.depth((long) st.down.rate(), st.requestQueue);
    int outstanding = st.sent.size();
    if (depth - outstanding < Math.max(1, depth / 4)) {
      return;
    }
    if (!limit.mayStart(refillAllLater)) {
      return; // the client's download limit: requests go out as tokens come back
    }
    // under a limit, no more requests than the bucket holds (at least one), so the rate holds
    // over short spans too rather than bursting a whole pipeline
    int count = limit.transfers(depth - outstanding, PiecePicker.BLOCK);
    int picked =
        picker.pick(
            c,
            count,
            only,
            (piece, begin, length) -> {
              st.sent.add(piece, begin);
              limit.take(length);
              c.sendRequest(piece, begin, length);
            });
    if (picked == 0 && outstanding == 0 && only == null && !picker.isInteresting(c)) {
      setInterested(c, false);
    }
  }

  @Override
  public void refillAll() {
    for (PeerConnection p : List.copyOf(peers)) {
      refill(p);
    }
  }

  @Override
  public void doneWith(PeerConnection p) {
    setInterested(p, false);
    closeIfBothSeeding(p);
  }

  private void dropRequests(PeerConnection c) {
    if (torrent.picker() != null) {
      torrent.picker().releaseAll(c);
    }
    c.state.sent.clear();
  }

  // ---- blocks ----

  void onBlock(PeerConnection c, int piece, int begin, ByteBuffer block) throws IOException {
    PeerState st = c.state;
    int length = block.remaining();
    st.down.add(length);
    counters.downloaded(length);
    st.lastBlock = clock.getAsLong();
    if (!st.sent.remove(piece, begin)) {
      if (c.fast() && !st.lenient) {
        throw new PeerProtocolException("block " + piece + "/" + begin + " was not requested");
      }
      if (torrent.picker() == null) {
        return;
      }
    }
    PiecePicker<PeerConnection> picker = torrent.picker();
    if (picker == null) {
      return;
    }
    BlockStatus status =
        picker.onBlock(
            c,
            piece,
            begin,
            length,
            (other, p, b, l) -> {
              other.sendCancel(p, b, l);
              if (!other.fast()) {
                other.state.sent.remove(p, b);
              }
            });
    switch (status) {
      case ACCEPTED, PIECE_COMPLETE -> {
        completion.checkPadding(piece, begin, block);
        boolean written = write(piece, begin, block);
        completion.received(piece, c);
        // a failed write ended the torrent: nothing left to verify
        if (status == BlockStatus.PIECE_COMPLETE && written) {
          completion.verify(piece);
        }
      }
      case INVALID -> throw new PeerProtocolException("block outside the torrent: " + piece);
      default -> {}
    }
    refill(c);
  }

  /** Writes a block; false when storage failed, which fails the torrent. */
  private boolean write(int piece, int begin, ByteBuffer block) {
    try {
      PieceStore store = torrent.store();
      store.write(piece, begin, block);
      return true;
    } catch (IOException | RuntimeException e) {
      fail.accept(e);
      return false;
    }
  }

  /** Releases the requests of a peer that sent nothing for a while, so others can take them. */
  void checkSnubbed(PeerConnection c, long now) {
    PeerState st = c.state;
    if (st.sent.size() > 0 && now - st.lastBlock > SNUB_MILLIS) {
      dropRequests(c);
      st.lenient = true;
      st.lastBlock = now;
      refillAll();
    }
  }
}
