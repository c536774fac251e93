package org.ilptorrent.magnet.internal;

/**
 * IP address literals read as text, without {@link java.net.InetAddress#getByName}: that method
 * falls back to a DNS query for anything it does not take for a literal, and its idea of a literal
 * (octal and shortened IPv4 forms) varies between JDK updates.
 */
public final class IpLiterals {
  private IpLiterals() {}

  /**
   * The 4 bytes of a dotted-quad IPv4 address: four decimal numbers 0..255 without leading zeros
   * ({@code 010} could be read as octal, so it is refused).
   *
   * @return the bytes, or {@code null} when {@code text} is not one
   */
  public static byte[] ipv4(String text) {
    if (text.length() < 7 || text.length() > 15) {
      return null;
    }
    byte[] out = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || part == 4) {
          return null;
        }
        out[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        if (digits == 1 && value == 0) {
          return null;
        }
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  /**
   * The 16 bytes of an IPv6 address in RFC 4291 text form: eight groups of 1 to 4 hex digits, at
   * most one {@code ::}, and optionally a dotted-quad IPv4 address as the last 32 bits. No zone id
   * ({@code %eth0}) and no brackets.
   *
   * @return the bytes, or {@code null} when {@code text} is not one
   */
  public static byte[] ipv6(String text) {
    if (text.length() < 2 || text.length() > 45) {
      return null;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
    int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
    if (head == null || tail == null) {
      return null;
    }
    int count = head.length + tail.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.length; i++) {
      out[2 * i] = (byte) (head[i] >> 8);
      out[2 * i + 1] = (byte) head[i];
    }
    for (int i = 0; i < tail.length; i++) {
      int at = 16 - 2 * (tail.length - i);
      out[at] = (byte) (tail[i] >> 8);
      out[at + 1] = (byte) tail[i];
    }
    return out;
  }

  /**
   * The 16-bit groups of one side of an IPv6 address; an IPv4 address counts as two groups and may
   * only end the address.
   */
  private static int[] groups(String part, boolean endsAddress) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int last = pieces.length - 1;
    boolean v4 = pieces[last].indexOf('.') >= 0;
    if (v4 && !endsAddress) {
      return null;
    }
    int[] out = new int[pieces.length + (v4 ? 1 : 0)];
    for (int i = 0; i < pieces.length; i++) {
      String p = pieces[i];
      if (i == last && v4) {
        byte[] b = ipv4(p);
        if (b == null) {
          return null;
        }
        out[i] = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
        out[i + 1] = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < p.length(); k++) {
        int d = Character.digit(p.charAt(k), 16);
        if (d < 0 || p.charAt(k) > 0x7F) {
          return null;
        }
        value = value << 4 | d;
      }
      out[i] = value;
    }
    return out;
  }
}
