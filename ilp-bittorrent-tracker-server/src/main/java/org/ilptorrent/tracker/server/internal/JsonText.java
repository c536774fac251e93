package org.ilptorrent.tracker.server.internal;

/**
 * Writes JSON strings the way JavaScript's {@code JSON.stringify} does, for the tracker's hot
 * replies: {@code "} and {@code \} escaped, the short escapes {@code \b \f \n \r \t}, other control
 * characters as a six-character unicode escape, everything else as is (binary-string ids stay one
 * char per byte).
 */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  static StringBuilder string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
