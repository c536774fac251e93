package org.ilptorrent.webtorrent.internal.wire;

/**
 * Bounds the decoder enforces before it buffers a message. A length prefix over the bound for its
 * message type is a protocol error, detected from the first five bytes, so a hostile peer never
 * makes us allocate more than {@link #HARD_CAP} for one message.
 *
 * @param maxBlockLength the largest block a {@code piece} message may carry (we request 16 KiB)
 * @param maxBitfieldBytes the largest bitfield payload: {@code ceil(pieces / 8)} once the torrent
 *     is known, the hard cap before
 * @param maxExtendedLength the largest extension message payload (after the BEP 10 id byte)
 */
public record WireLimits(int maxBlockLength, int maxBitfieldBytes, int maxExtendedLength) {
  /** No message may be longer than this (the value of its length prefix), whatever its type. */
  public static final int HARD_CAP = 2 * 1024 * 1024;

  /** The block size every client requests. */
  public static final int BLOCK_LENGTH = 16 * 1024;

  /** Default bound of extension payloads: a 16 KiB ut_metadata piece and its dict fit easily. */
  public static final int DEFAULT_EXTENDED_LENGTH = 256 * 1024;

  /** Checks that every bound is positive and that the message it implies is under the cap. */
  public WireLimits {
    requireWithin(maxBlockLength, 9, "maxBlockLength");
    requireWithin(maxBitfieldBytes, 1, "maxBitfieldBytes");
    requireWithin(maxExtendedLength, 2, "maxExtendedLength");
  }

  /** Limits before the torrent's metadata is known: any bitfield under the hard cap. */
  public static WireLimits beforeMetadata() {
    return new WireLimits(BLOCK_LENGTH, HARD_CAP - 1, DEFAULT_EXTENDED_LENGTH);
  }

  /** Limits for a torrent of {@code pieceCount} pieces: its bitfield must be exactly this size. */
  public static WireLimits forPieceCount(int pieceCount) {
    if (pieceCount <= 0) {
      throw new IllegalArgumentException("piece count must be positive: " + pieceCount);
    }
    return new WireLimits(BLOCK_LENGTH, bitfieldBytes(pieceCount), DEFAULT_EXTENDED_LENGTH);
  }

  /** Bytes of a bitfield for {@code pieceCount} pieces. */
  public static int bitfieldBytes(int pieceCount) {
    return (pieceCount + 7) >>> 3;
  }

  private static void requireWithin(int value, int overhead, String name) {
    if (value <= 0 || value > HARD_CAP - overhead) {
      throw new IllegalArgumentException(
          name + " must be in 1.." + (HARD_CAP - overhead) + ": " + value);
    }
  }
}
