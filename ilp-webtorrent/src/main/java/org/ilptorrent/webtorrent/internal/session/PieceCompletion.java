package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.TorrentListener;
import org.ilptorrent.webtorrent.internal.store.Padding;

/**
 * What becomes of completed pieces: hashed on the pool, then verified (announced with {@code have},
 * readable by streams, counted) or failed (fetched again, its senders scored and banned past the
 * limit), and the torrent done once every piece is verified. Loop thread only, except {@link
 * #verifiedBytes()}.
 */
final class PieceCompletion {
  private final TorrentSession s;

  /** Who sent blocks of each piece in progress, to score them when the piece is checked. */
  private final Map<Integer, Set<PeerConnection>> contributors = new HashMap<>();

  /** Pieces a peer sent non-zero bytes of padding for: they fail whatever their hash says. */
  private final BitSet nonZeroPadding = new BitSet();

  private Padding padding;

  private volatile long verifiedBytes;
  private int verifiedPieces;
  private boolean doneReported;

  PieceCompletion(TorrentSession session) {
    this.s = session;
  }

  long verifiedBytes() {
    return verifiedBytes;
  }

  /** Whether every piece of {@code t} is verified. */
  boolean isComplete(TorrentInfo t) {
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
    TorrentInfo t = s.metadata;
    if (padding == null) {
      padding = Padding.of(t.files(), t.pieceLength());
    }
    if (!padding.zerosWherePadding(piece, begin, block)) {
      nonZeroPadding.set(piece);
    }
  }

  /** Hashes a piece whose blocks are all stored, off the loop; the outcome comes back to it. */
  void verify(int piece) {
    TorrentInfo t = s.metadata;
    PieceStore store = s.store;
    s.ctx
        .hasher
        .verify(store, piece, t.pieceHash(piece))
        .whenComplete(
            (ok, error) ->
                s.ctx.loop.execute(
                    () -> {
                      if (s.isClosed() || store != s.store) {
                        return;
                      }
                      boolean badPadding = nonZeroPadding.get(piece);
                      nonZeroPadding.clear(piece);
                      if (error != null) {
                        s.fail(error);
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
    s.picker.pieceVerified(piece);
    verifiedPieces++;
    verifiedBytes += s.store.pieceLength(piece);
    s.availability.set(piece);
    for (PeerConnection c : contributors.getOrDefault(piece, Set.of())) {
      c.goodPieces++;
    }
    contributors.remove(piece);
    for (PeerConnection p : List.copyOf(s.peers)) {
      if (!p.peerSeed && !p.peerPieces.get(piece)) {
        p.sendHave(piece);
      }
    }
    s.emit(l -> l.onPieceVerified(piece));
    checkDone();
  }

  private void failed(int piece, String why) {
    List<PeerConnection> senders = s.picker.pieceFailed(piece);
    contributors.remove(piece);
    s.warn("piece " + piece + " " + why + "; fetching it again");
    for (PeerConnection c : senders) {
      c.failedPieces++;
      if (c.failedPieces >= s.ctx.banAfterFailedPieces && c.failedPieces > c.goodPieces) {
        s.ban(c, "sent data of " + c.failedPieces + " pieces that failed their hash check");
      }
    }
    for (PeerConnection p : List.copyOf(s.peers)) {
      s.messages.refill(p);
    }
  }

  /** Once every piece is verified: flush, lose interest, drop other seeds, report done once. */
  void checkDone() {
    if (!isComplete(s.metadata) || doneReported) {
      return;
    }
    doneReported = true;
    try {
      s.store.flush();
    } catch (IOException e) {
      s.fail(e);
      return;
    }
    for (PeerConnection p : List.copyOf(s.peers)) {
      s.messages.setInterested(p, false);
      s.messages.closeIfBothSeeding(p);
    }
    s.emit(TorrentListener::onDone);
    s.events.complete();
  }
}
