package org.ilptorrent.webtorrent.internal.store;

import java.util.Objects;

/**
 * How a torrent's bytes are cut into pieces, with the range checks every store applies.
 *
 * @param totalLength bytes of the whole torrent
 * @param pieceLength bytes of every piece but the last
 */
public record PieceGeometry(long totalLength, int pieceLength) {
  /** Checks that the sizes are positive and that the piece count fits an int. */
  public PieceGeometry {
    if (totalLength <= 0 || pieceLength <= 0) {
      throw new IllegalArgumentException(
          "lengths must be positive: total " + totalLength + ", piece " + pieceLength);
    }
    if ((totalLength + pieceLength - 1) / pieceLength > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("more than 2^31-1 pieces");
    }
  }

  /** How many pieces. */
  public int pieceCount() {
    return (int) ((totalLength + pieceLength - 1) / pieceLength);
  }

  /** Bytes of {@code piece}. */
  public int pieceLength(int piece) {
    Objects.checkIndex(piece, pieceCount());
    long rest = totalLength - (long) piece * pieceLength;
    return (int) Math.min(pieceLength, rest);
  }

  /** Where {@code piece} starts in the torrent's bytes. */
  public long pieceStart(int piece) {
    return (long) piece * pieceLength;
  }

  /** Checks that {@code length} bytes at {@code offset} lie inside {@code piece}. */
  public void checkRange(int piece, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, pieceLength(piece));
  }
}
