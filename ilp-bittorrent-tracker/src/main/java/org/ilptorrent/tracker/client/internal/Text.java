package org.ilptorrent.tracker.client.internal;

/** Makes text from a tracker safe to show: bounded, printable. */
final class Text {
  private static final int MAX = 200;

  private Text() {}

  /**
   * What went wrong, for a warning: the exception's message, or for the JDK's exceptions that have
   * none (an HTTP client's refused connection) what they mean, never a class name.
   */
  static String describe(Throwable e) {
    return printable(org.ilptorrent.verifier.internal.http.HttpFailures.describe(e));
  }

  static String printable(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX));
    for (int i = 0; i < s.length() && i < MAX; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    if (s.length() > MAX) {
      out.append('…');
    }
    return out.toString();
  }

  /**
   * The bytes of {@code s} when it is exactly {@code length} bytes as hex digits (either case),
   * else {@code null}.
   */
  static byte[] hex(String s, int length) {
    if (s == null || s.length() != length * 2) {
      return null;
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }
}
