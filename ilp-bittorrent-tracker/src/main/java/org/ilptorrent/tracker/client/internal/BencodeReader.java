package org.ilptorrent.tracker.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of one bencoded value (BEP 3), for tracker answers: integers become {@code Long},
 * byte strings {@code byte[]}, lists {@code List<Object>} and dictionaries {@code Map<String,
 * Object>} whose keys are the raw key bytes read as ISO-8859-1 (so 20-byte info hash keys survive).
 * Refuses leading zeros, {@code -0}, duplicate keys, nesting deeper than {@value #MAX_DEPTH},
 * inputs over the caller's bound and bytes after the value. Unsorted keys are accepted, because
 * real trackers send them.
 */
public final class BencodeReader {
  /** The deepest nesting accepted; tracker answers need three levels. */
  public static final int MAX_DEPTH = 32;

  private final byte[] in;
  private int pos;

  private BencodeReader(byte[] in) {
    this.in = in;
  }

  /**
   * Reads the single value that {@code bytes} hold.
   *
   * @throws BencodeException when the bytes are not exactly one well-formed value, or longer than
   *     {@code maxBytes}
   */
  public static Object read(byte[] bytes, int maxBytes) {
    if (bytes.length > maxBytes) {
      throw new BencodeException(maxBytes, "input longer than " + maxBytes + " bytes");
    }
    BencodeReader reader = new BencodeReader(bytes);
    Object value = reader.value(0);
    if (reader.pos != bytes.length) {
      throw new BencodeException(reader.pos, "trailing bytes after the value");
    }
    return value;
  }

  /** Reads a dictionary, the shape of every tracker answer. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readDictionary(byte[] bytes, int maxBytes) {
    Object value = read(bytes, maxBytes);
    if (!(value instanceof Map)) {
      throw new BencodeException(0, "the answer is not a dictionary");
    }
    return (Map<String, Object>) value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new BencodeException(pos, "nested deeper than " + MAX_DEPTH);
    }
    int b = peek();
    if (b == 'i') {
      pos++;
      long v = integer('e');
      return v;
    }
    if (b == 'l') {
      pos++;
      List<Object> list = new ArrayList<>();
      while (peek() != 'e') {
        list.add(value(depth + 1));
      }
      pos++;
      return Collections.unmodifiableList(list);
    }
    if (b == 'd') {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      while (peek() != 'e') {
        int keyAt = pos;
        if (peek() < '0' || peek() > '9') {
          throw new BencodeException(keyAt, "dictionary key is not a byte string");
        }
        String key = new String(bytes(), StandardCharsets.ISO_8859_1);
        if (map.put(key, value(depth + 1)) != null) {
          throw new BencodeException(keyAt, "duplicate dictionary key");
        }
      }
      pos++;
      return Collections.unmodifiableMap(map);
    }
    if (b >= '0' && b <= '9') {
      return bytes();
    }
    throw new BencodeException(pos, "unexpected byte 0x" + Integer.toHexString(b));
  }

  private byte[] bytes() {
    int at = pos;
    long length = integer(':');
    if (length < 0) {
      throw new BencodeException(at, "negative string length");
    }
    if (length > in.length - pos) {
      throw new BencodeException(at, "string of " + length + " bytes runs past the end");
    }
    byte[] out = new byte[(int) length];
    System.arraycopy(in, pos, out, 0, out.length);
    pos += out.length;
    return out;
  }

  /** Reads decimal digits (with an optional minus) up to {@code end}, which it consumes. */
  private long integer(char end) {
    int start = pos;
    boolean negative = false;
    if (peek() == '-') {
      negative = true;
      pos++;
    }
    int digitsAt = pos;
    long v = 0;
    while (peek() != end) {
      int c = peek();
      if (c < '0' || c > '9') {
        throw new BencodeException(pos, "expected a digit or '" + end + "'");
      }
      if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
        throw new BencodeException(start, "integer out of range");
      }
      v = v * 10 + (c - '0');
      pos++;
    }
    int digits = pos - digitsAt;
    if (digits == 0) {
      throw new BencodeException(start, "empty integer");
    }
    if (digits > 1 && in[digitsAt] == '0') {
      throw new BencodeException(start, "leading zero");
    }
    if (negative && v == 0) {
      throw new BencodeException(start, "negative zero");
    }
    pos++;
    return negative ? -v : v;
  }

  private int peek() {
    if (pos >= in.length) {
      throw new BencodeException(pos, "unexpected end of input");
    }
    return in[pos] & 0xFF;
  }
}
