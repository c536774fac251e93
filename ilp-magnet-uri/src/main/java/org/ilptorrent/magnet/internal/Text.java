package org.ilptorrent.magnet.internal;

/** Makes user input safe to quote in an error message. */
public final class Text {
  private Text() {}

  /** At most {@code max} characters of {@code text}, control characters masked, in quotes. */
  public static String quote(String text, int max) {
    if (text == null) {
      return "null";
    }
    String head = text.length() <= max ? text : text.substring(0, max - 3) + "...";
    return "'" + head.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
