package org.ilptorrent.webtorrent.internal.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.ilptorrent.parse.FileEntry;

/**
 * Where a torrent's BEP 47 pad files lie in its concatenated bytes, to check that a peer sent zeros
 * there. The piece hash alone does not: a {@link org.ilptorrent.webtorrent.FilePieceStore} drops
 * the bytes written to padding and reads zeros back, so a piece is hashed over zeros whatever the
 * peer sent; and with a store that keeps every byte, a torrent whose "padding" was hashed as
 * non-zero data would verify. BEP 47 says pad files hold zeros, so either way the piece fails.
 * Immutable.
 */
public final class Padding {
  private static final Padding NONE = new Padding(new long[0], new long[0], 1);

  /** Non-empty pad files, sorted by start and disjoint. */
  private final long[] starts;

  private final long[] ends;
  private final int pieceLength;

  private Padding(long[] starts, long[] ends, int pieceLength) {
    this.starts = starts;
    this.ends = ends;
    this.pieceLength = pieceLength;
  }

  /**
   * The pad files among {@code files} (in torrent order, offsets set) cut in {@code pieceLength}.
   */
  public static Padding of(List<FileEntry> files, int pieceLength) {
    List<FileEntry> pads = files.stream().filter(f -> f.padding() && f.length() > 0).toList();
    if (pads.isEmpty()) {
      return NONE;
    }
    long[] starts = new long[pads.size()];
    long[] ends = new long[pads.size()];
    for (int i = 0; i < pads.size(); i++) {
      starts[i] = pads.get(i).offset();
      ends[i] = starts[i] + pads.get(i).length();
    }
    return new Padding(starts, ends, pieceLength);
  }

  /** Whether the torrent has no padding at all. */
  public boolean isEmpty() {
    return starts.length == 0;
  }

  /**
   * Whether every byte of {@code block} (its remaining bytes, left unconsumed) that lands on
   * padding when written at {@code begin} of {@code piece} is zero.
   */
  public boolean zerosWherePadding(int piece, int begin, ByteBuffer block) {
    if (starts.length == 0) {
      return true;
    }
    long from = (long) piece * pieceLength + begin;
    long to = from + block.remaining();
    int i = Arrays.binarySearch(starts, from);
    for (i = i >= 0 ? i : Math.max(0, -i - 2); i < starts.length && starts[i] < to; i++) {
      long a = Math.max(from, starts[i]);
      long b = Math.min(to, ends[i]);
      for (long at = a; at < b; at++) {
        if (block.get(block.position() + (int) (at - from)) != 0) {
          return false;
        }
      }
    }
    return true;
  }
}
