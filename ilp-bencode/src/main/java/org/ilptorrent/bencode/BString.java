package org.ilptorrent.bencode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bencoded byte string: a view of {@code source[from, to)}, so that reading a torrent copies none
 * of its strings. Equality, hash code and order are by content; the order is unsigned byte order,
 * the order of BEP 3 dictionary keys.
 *
 * <p>The view shares {@code source}: whoever made it with {@link #wrap(byte[])} or read it from
 * input must not change those bytes afterwards. {@link #bytes()} returns a copy.
 *
 * @param source the array the bytes are in
 * @param from the index of the first byte
 * @param to the index after the last byte
 */
public record BString(byte[] source, int from, int to) implements BValue, Comparable<BString> {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int SHOWN = 64;

  /** Checks that {@code [from, to)} lies in {@code source}. */
  public BString {
    Objects.requireNonNull(source, "source");
    Objects.checkFromToIndex(from, to, source.length);
  }

  /** The UTF-8 bytes of {@code text}. */
  public static BString of(String text) {
    return wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of {@code bytes}. */
  public static BString of(byte[] bytes) {
    return wrap(bytes.clone());
  }

  /** A view of {@code bytes}, not copied: the caller must not change them afterwards. */
  public static BString wrap(byte[] bytes) {
    return new BString(bytes, 0, bytes.length);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return Arrays.copyOfRange(source, from, to);
  }

  /** A read-only buffer over the bytes, not copied (for hashing, writing to a channel). */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(source, from, to - from).slice().asReadOnlyBuffer();
  }

  /** How many bytes. */
  public int length() {
    return to - from;
  }

  /** The byte at {@code index} (0-based within this string). */
  public byte byteAt(int index) {
    Objects.checkIndex(index, to - from);
    return source[from + index];
  }

  /** Whether the bytes equal the UTF-8 encoding of {@code text}; no copy for ASCII text. */
  public boolean contentEquals(String text) {
    int n = to - from;
    if (text.length() > n) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(source, from, to, utf8, 0, utf8.length);
      }
      if (source[from + i] != c) {
        return false;
      }
    }
    return text.length() == n;
  }

  /** The bytes as UTF-8 text; malformed sequences become U+FFFD, as TextDecoder does. */
  public String text() {
    return new String(source, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * The bytes as UTF-8 text, strictly.
   *
   * @throws BencodeException when they are not valid UTF-8, with the offset in {@link #source()} of
   *     the first bad byte
   */
  public String utf8() {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (source[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(source, from, to - from, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(source, from, to - from);
    CharBuffer out = CharBuffer.allocate(to - from);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new BencodeException("", "not valid UTF-8", in.position());
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** Content equality: the same bytes, wherever they are stored. */
  @Override
  public boolean equals(Object o) {
    return o instanceof BString s && Arrays.equals(source, from, to, s.source, s.from, s.to);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + source[i];
    }
    return h;
  }

  /** Unsigned byte order (BEP 3 key order): a prefix comes before a longer string. */
  @Override
  public int compareTo(BString o) {
    return Arrays.compareUnsigned(source, from, to, o.source, o.from, o.to);
  }

  /** {@code <length>:<bytes>}. */
  @Override
  public byte[] encoded() {
    byte[] prefix = Integer.toString(to - from).getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(prefix, prefix.length + 1 + to - from);
    out[prefix.length] = ':';
    System.arraycopy(source, from, out, prefix.length + 1, to - from);
    return out;
  }

  /**
   * The text, when the bytes are UTF-8 without control characters; otherwise {@code 0x} and hex.
   * Long strings are cut after 64 characters or bytes, with their length.
   */
  @Override
  public String toString() {
    String text = printable();
    if (text != null) {
      return text.length() <= SHOWN
          ? text
          : text.substring(0, SHOWN) + "... (" + length() + " bytes)";
    }
    int shown = Math.min(to - from, SHOWN / 2);
    StringBuilder hex = new StringBuilder(2 + 2 * shown).append("0x");
    for (int i = from; i < from + shown; i++) {
      hex.append(HEX[(source[i] >> 4) & 0xF]).append(HEX[source[i] & 0xF]);
    }
    return shown == to - from ? hex.toString() : hex + "... (" + length() + " bytes)";
  }

  private String printable() {
    String text;
    try {
      text = utf8();
    } catch (BencodeException e) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return null;
      }
    }
    return text;
  }
}
