package org.ilptorrent.bencode;

import java.nio.charset.StandardCharsets;

/**
 * A bencoded integer. The reader refuses integers beyond 64 bits, leading zeros and {@code -0}, so
 * every integer read has exactly one encoding.
 *
 * @param value the value
 */
public record BInteger(long value) implements BValue {

  /** {@code i<value>e}. */
  @Override
  public byte[] encoded() {
    return ("i" + value + "e").getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
