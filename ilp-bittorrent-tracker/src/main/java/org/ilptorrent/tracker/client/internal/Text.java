package org.ilptorrent.tracker.client.internal;

/** Makes text from a tracker safe to show: bounded, printable. */
final class Text {
  private static final int MAX = 200;

  private Text() {}

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
}
