package org.ilptorrent.tracker.client;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 20-byte id that ties a WebRTC offer to its answer through a WebSocket tracker. Immutable;
 * equal when the bytes are.
 */
public final class OfferId {
  /** The length of an offer id. */
  public static final int LENGTH = 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private OfferId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * An offer id from its bytes, which are copied.
   *
   * @throws IllegalArgumentException unless there are exactly 20 bytes
   */
  public static OfferId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "an offer id is 20 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new OfferId(bytes.clone());
  }

  /** 20 fresh random bytes. */
  public static OfferId random() {
    byte[] b = new byte[LENGTH];
    RANDOM.nextBytes(b);
    return new OfferId(b);
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
    return o instanceof OfferId p && Arrays.equals(bytes, p.bytes);
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
