package org.ilptorrent.webtorrent.internal.wire;

import java.util.BitSet;

/**
 * Converts between the wire bitfield (bit 7 of byte 0 is piece 0) and {@link BitSet} (bit 0 is
 * piece 0), with BEP 3's checks once the piece count is known.
 */
public final class Bitfields {
  private Bitfields() {}

  /**
   * The pieces set in a peer's bitfield.
   *
   * @throws PeerProtocolException when the length is not {@code ceil(pieceCount / 8)} or a spare
   *     bit past the last piece is set
   */
  public static BitSet toBitSet(byte[] bits, int pieceCount) throws PeerProtocolException {
    int expected = WireLimits.bitfieldBytes(pieceCount);
    if (bits.length != expected) {
      throw new PeerProtocolException(
          "bitfield of "
              + bits.length
              + " bytes for "
              + pieceCount
              + " pieces (want "
              + expected
              + ")");
    }
    int spare = expected * 8 - pieceCount;
    if (spare > 0 && (bits[expected - 1] & ((1 << spare) - 1)) != 0) {
      throw new PeerProtocolException("bitfield has spare bits set past piece " + (pieceCount - 1));
    }
    BitSet out = new BitSet(pieceCount);
    for (int i = 0; i < bits.length; i++) {
      int b = bits[i] & 0xFF;
      while (b != 0) {
        int high = Integer.numberOfLeadingZeros(b) - 24;
        out.set(i * 8 + high);
        b &= ~(0x80 >>> high);
      }
    }
    return out;
  }

  /** The wire bitfield of {@code pieces} for a torrent of {@code pieceCount} pieces. */
  public static byte[] toBytes(BitSet pieces, int pieceCount) {
    byte[] out = new byte[WireLimits.bitfieldBytes(pieceCount)];
    for (int i = pieces.nextSetBit(0); i >= 0 && i < pieceCount; i = pieces.nextSetBit(i + 1)) {
      out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
    }
    return out;
  }

  /** Whether the bitfield has every one of {@code pieceCount} pieces (a seed). */
  public static boolean isFull(BitSet pieces, int pieceCount) {
    return pieces.nextClearBit(0) >= pieceCount;
  }
}
