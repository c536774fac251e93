package org.ilptorrent.tracker.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON message written straight as UTF-8 bytes, for the tracker's hot replies: literal pieces
 * encoded once, numbers written as ASCII digits, and strings escaped as {@link JsonText} does.
 * Saves building a string and encoding it again on the way out.
 */
final class JsonBytes {
  private byte[] bytes;
  private int length;

  JsonBytes(int capacity) {
    bytes = new byte[capacity];
  }

  /** The UTF-8 bytes of {@code s}: a literal piece of JSON, encoded once. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The UTF-8 bytes of {@code s} as a JSON string, escaped as {@link JsonText} escapes it. */
  static byte[] string(String s) {
    return utf8(JsonText.string(new StringBuilder(s.length() + 8), s).toString());
  }

  JsonBytes append(byte[] piece) {
    ensure(piece.length);
    System.arraycopy(piece, 0, bytes, length, piece.length);
    length += piece.length;
    return this;
  }

  /** Appends {@code s} as is (no escaping), as UTF-8. */
  JsonBytes raw(String s) {
    return append(utf8(s));
  }

  /** Appends a number in decimal, as JavaScript prints an integer. */
  JsonBytes number(long n) {
    ensure(20);
    if (n < 0) {
      if (n == Long.MIN_VALUE) {
        return raw(Long.toString(n));
      }
      bytes[length++] = '-';
      n = -n;
    }
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + n % 10);
      n /= 10;
    } while (n != 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte b = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = b;
    }
    return this;
  }

  JsonBytes append(char ascii) {
    ensure(1);
    bytes[length++] = (byte) ascii;
    return this;
  }

  /** The buffer; its first {@link #length()} bytes are the message. */
  byte[] array() {
    return bytes;
  }

  int length() {
    return length;
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
