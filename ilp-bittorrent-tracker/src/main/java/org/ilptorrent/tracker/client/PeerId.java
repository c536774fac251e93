package org.ilptorrent.tracker.client;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A 20-byte BitTorrent peer id. Immutable; equal when the bytes are. */
public final class PeerId {
  /** The length of a peer id. */
  public static final int LENGTH = 20;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] PREFIX = "-IL0100-".getBytes(StandardCharsets.US_ASCII);

  private final byte[] bytes;

  private PeerId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A peer id from its bytes, which are copied.
   *
   * @throws IllegalArgumentException unless there are exactly 20 bytes
   */
  public static PeerId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a peer id is 20 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new PeerId(bytes.clone());
  }

  /**
   * A peer id from 40 hex digits.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static PeerId fromHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("a hex peer id is 40 digits");
    }
    return new PeerId(HexFormat.of().parseHex(hex));
  }

  /** A fresh random peer id in Azureus style: {@code -IL0100-} and 12 random bytes. */
  public static PeerId random() {
    byte[] b = new byte[LENGTH];
    RANDOM.nextBytes(b);
    System.arraycopy(PREFIX, 0, b, 0, PREFIX.length);
    return new PeerId(b);
  }

  /** A copy of the bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Lowercase hex. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId p && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
