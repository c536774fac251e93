package org.ilptorrent.webtorrent.internal.bencode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * A strict, bounded bencode reader for peer messages. Values come out as {@code Long}, {@code
 * byte[]}, {@code List<Object>} and {@code Map<String, Object>} (keys as ISO-8859-1, so every key
 * byte survives). Refused, with the byte offset: truncation, leading zeros, {@code -0}, integers
 * beyond 64 bits, duplicate keys, non-string keys and nesting deeper than {@link #MAX_DEPTH}.
 *
 * <p>Unsorted keys are accepted: some clients write their extension handshake unsorted and every
 * major client reads it, and nothing we read from a peer is hashed from a re-encoding.
 */
public final class BencodeReader {
  /** How deep lists and dicts may nest. */
  public static final int MAX_DEPTH = 32;

  private final byte[] data;
  private final int end;
  private int pos;

  private BencodeReader(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IndexOutOfBoundsException("range outside the array");
    }
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
  }

  /** A value and where it ended in the input. */
  public record Prefix(Object value, int end) {}

  /**
   * Reads exactly one value filling {@code data}.
   *
   * @throws PeerProtocolException when it is malformed or followed by other bytes
   */
  public static Object readWhole(byte[] data) throws PeerProtocolException {
    Prefix p = readPrefix(data, 0, data.length);
    if (p.end() != data.length) {
      throw new PeerProtocolException("bencode: trailing bytes at byte " + p.end());
    }
    return p.value();
  }

  /**
   * Reads the value at the start of {@code data[offset..offset+length)}; what follows it is left to
   * the caller (ut_metadata data follows its dict).
   *
   * @throws PeerProtocolException when it is malformed
   */
  public static Prefix readPrefix(byte[] data, int offset, int length)
      throws PeerProtocolException {
    BencodeReader r = new BencodeReader(data, offset, length);
    Object value = r.value(0);
    return new Prefix(value, r.pos);
  }

  /** Reads the value at the start and requires it to be a dict. */
  public static BDict readDict(byte[] data) throws PeerProtocolException {
    return BDict.of(readWhole(data), "message");
  }

  private Object value(int depth) throws PeerProtocolException {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    int c = peek();
    if (c == 'i') {
      pos++;
      long v = integer('e');
      return v;
    } else if (c == 'l') {
      pos++;
      List<Object> list = new ArrayList<>();
      while (peek() != 'e') {
        list.add(value(depth + 1));
      }
      pos++;
      return list;
    } else if (c == 'd') {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      while (peek() != 'e') {
        int keyAt = pos;
        if (peek() < '0' || peek() > '9') {
          throw error("dict key is not a string");
        }
        String key = new String(string(), StandardCharsets.ISO_8859_1);
        if (map.put(key, value(depth + 1)) != null) {
          throw new PeerProtocolException("bencode: duplicate key at byte " + keyAt);
        }
      }
      pos++;
      return map;
    } else if (c >= '0' && c <= '9') {
      return string();
    }
    throw error("unexpected byte 0x" + Integer.toHexString(c));
  }

  private byte[] string() throws PeerProtocolException {
    int at = pos;
    long length = integer(':');
    if (length < 0 || length > end - pos) {
      throw new PeerProtocolException(
          "bencode: string of " + length + " bytes runs past the end at byte " + at);
    }
    byte[] s = new byte[(int) length];
    System.arraycopy(data, pos, s, 0, s.length);
    pos += s.length;
    return s;
  }

  /** Digits up to {@code terminator}: no leading zeros, no {@code -0}, within a long. */
  private long integer(char terminator) throws PeerProtocolException {
    int start = pos;
    boolean negative = terminator == 'e' && peek() == '-';
    if (negative) {
      pos++;
    }
    int digitsAt = pos;
    long v = 0;
    while (peek() != terminator) {
      int d = data[pos] - '0';
      if (d < 0 || d > 9) {
        throw error("bad digit in a number");
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw new PeerProtocolException("bencode: number over 64 bits at byte " + start);
      }
      v = v * 10 + d;
      pos++;
    }
    int digits = pos - digitsAt;
    if (digits == 0) {
      throw new PeerProtocolException("bencode: empty number at byte " + start);
    }
    if (data[digitsAt] == '0' && (digits > 1 || negative)) {
      throw new PeerProtocolException("bencode: leading zero or -0 at byte " + start);
    }
    pos++;
    return negative ? -v : v;
  }

  private int peek() throws PeerProtocolException {
    if (pos >= end) {
      throw new PeerProtocolException("bencode: truncated at byte " + pos);
    }
    return data[pos] & 0xFF;
  }

  private PeerProtocolException error(String what) {
    return new PeerProtocolException("bencode: " + what + " at byte " + pos);
  }
}
