package org.ilptorrent.tracker.server.internal;

import java.util.HexFormat;

/**
 * The WebSocket tracker protocol writes 20-byte ids as "binary strings": one character per byte
 * (ISO-8859-1). These convert them to and from hex.
 */
final class BinaryIds {
  private BinaryIds() {}

  /** Whether {@code s} is a 20-character binary string (every char one byte). */
  static boolean isId(String s) {
    if (s == null || s.length() != 20) {
      return false;
    }
    for (int i = 0; i < 20; i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /** The hex of a 20-character binary string, or {@code null} when it is not one. */
  static String toHex(String binary) {
    if (binary == null || binary.length() != 20) {
      return null;
    }
    byte[] bytes = new byte[20];
    for (int i = 0; i < 20; i++) {
      char c = binary.charAt(i);
      if (c > 0xFF) {
        return null;
      }
      bytes[i] = (byte) c;
    }
    return HexFormat.of().formatHex(bytes);
  }

  /** The binary string of 40 hex digits. */
  static String fromHex(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = (char) (bytes[i] & 0xFF);
    }
    return new String(chars);
  }
}
