package org.ilptorrent.webtorrent.internal.wire;

import java.util.HexFormat;

/** Hex tables for tests: spaces and {@code |} separators are ignored. */
final class WireBytes {
  private WireBytes() {}

  static byte[] hex(String annotated) {
    return HexFormat.of().parseHex(annotated.replaceAll("[\\s|]", ""));
  }
}
