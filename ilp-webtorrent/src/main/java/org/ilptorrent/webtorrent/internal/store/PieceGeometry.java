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

  /**
   * The first and last piece (inclusive) holding {@code length} bytes from torrent byte {@code
   * offset}: what to select or mark critical to read a file or a stream range.
   *
   * @throws IndexOutOfBoundsException when the range leaves the torrent or is empty
   */
  public int[] piecesOf(long offset, long length) {
    Objects.checkFromIndexSize(offset, length, totalLength);
    if (length == 0) {
      throw new IndexOutOfBoundsException("empty range");
    }
    return new int[] {(int) (offset / pieceLength), (int) ((offset + length - 1) / pieceLength)};
  }
}
