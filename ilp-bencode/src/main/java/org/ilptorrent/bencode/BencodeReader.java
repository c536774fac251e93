package org.ilptorrent.bencode;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Reads bencoded bytes strictly into {@link BValue}s, with limits, without recursion, and with the
 * byte offset (and path, such as {@code info.files[3].length}) of the first fault in every {@link
 * BencodeException}.
 *
 * <p>Refused: integers with leading zeros, {@code -0}, {@code ie} or beyond 64 bits; string lengths
 * with leading zeros or past the end of the input; unterminated lists and dictionaries; dictionary
 * keys that are not byte strings, and duplicate keys; nesting deeper than {@link
 * Builder#maxDepth(int)}; values longer than {@link Builder#maxLength(int)}; and, except through
 * {@link #decodePrefix}, bytes after the value. Dictionary keys may be any bytes. Keys out of order
 * are accepted, since real torrents and peers write them, and reported through {@link
 * Result#canonical()}.
 *
 * <p>Byte strings are views of the input (nothing is copied), so the input must not change while
 * the values are in use. Each dictionary and list keeps where its entries start and its exact input
 * bytes ({@link BDictionary#encoded()}).
 *
 * <p>It began as ilp-parse-torrent's reader, which replaced bt-bencoding's {@code BEParser} for
 * reading: that one builds its tree at about 19 MB/s (37 ms of a 47 ms parse of a 10,000-file
 * torrent), lacks the checks above and pulls in Guava.
 *
 * <p>A reader is immutable and may be shared between threads.
 */
public final class BencodeReader {
  /** The nesting allowed by default: torrents need 4 levels, peer and tracker messages fewer. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  private static final BencodeReader DEFAULTS = new Builder().build();

  private final int maxDepth;
  private final int maxLength;

  private BencodeReader(Builder b) {
    this.maxDepth = b.maxDepth;
    this.maxLength = b.maxLength;
  }

  /** A reader with the default limits: depth {@value #DEFAULT_MAX_DEPTH}, any length. */
  public static BencodeReader defaults() {
    return DEFAULTS;
  }

  /** A builder of a reader with other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many lists and dictionaries may nest (a top-level dictionary is depth 1). */
  public int maxDepth() {
    return maxDepth;
  }

  /** How many bytes a value may take. */
  public int maxLength() {
    return maxLength;
  }

  /**
   * What a read found.
   *
   * @param value the value
   * @param end the offset just after the value in the input
   * @param canonical whether every dictionary had its keys in BEP 3 order (unsigned byte order,
   *     strictly increasing); values are otherwise always canonical, since the reader refuses other
   *     integer and length forms
   */
  public record Result(BValue value, int end, boolean canonical) {
    /**
     * The value as a dictionary.
     *
     * @throws BencodeException when it is something else
     */
    public BDictionary dictionary() {
      if (value instanceof BDictionary d) {
        return d;
      }
      throw new BencodeException("", "expected a dictionary, found " + value.kind(), 0);
    }
  }

  /**
   * Reads the one value that fills {@code data}.
   *
   * @throws BencodeException when it is malformed, over a limit, or followed by other bytes
   */
  public BValue decode(byte[] data) {
    return read(data).value();
  }

  /**
   * Reads the one dictionary that fills {@code data}.
   *
   * @throws BencodeException when it is malformed, over a limit, followed by other bytes, or not a
   *     dictionary
   */
  public BDictionary decodeDictionary(byte[] data) {
    if (data.length > 0 && data[0] != 'd') {
      throw new BencodeException("", "expected a dictionary", 0);
    }
    return read(data).dictionary();
  }

  /** Like {@link #decode(byte[])}, also telling whether the keys were in canonical order. */
  public Result read(byte[] data) {
    return read(data, 0, data.length);
  }

  /**
   * Reads the one value that fills {@code data[offset, offset + length)}. Offsets in the result and
   * in errors are indexes into {@code data}.
   */
  public Result read(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (length > maxLength) {
      throw new BencodeException(
          "", "input is longer than " + maxLength + " bytes", (long) offset + maxLength);
    }
    Result r = scan(data, offset, offset + length);
    if (r.end() != offset + length) {
      throw new BencodeException(
          "", (offset + length - r.end()) + " trailing bytes after the value", r.end());
    }
    return r;
  }

  /**
   * Reads the value at the start of {@code data[offset, offset + length)} and leaves what follows
   * it to the caller: a ut_metadata message carries piece data after its dictionary. {@link
   * Result#end()} says where the value ended.
   */
  public Result decodePrefix(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    return scan(data, offset, offset + length);
  }

  /** Like {@link #decodePrefix(byte[], int, int)} over the whole array. */
  public Result decodePrefix(byte[] data) {
    return decodePrefix(data, 0, data.length);
  }

  /** A dictionary or list being read; frames are reused across depths. */
  private static final class Frame {
    private static final BValue[] EMPTY_VALUES = {};
    private static final int[] EMPTY_OFFSETS = {};
    private static final BString[] EMPTY_KEYS = {};

    boolean dict;
    int start;
    int count;
    // Allocated on first use: a deeply nested input must not cost much per level.
    BValue[] values;
    int[] offsets;
    BString[] keys;
    BString key;
    Set<BString> seen;

    void open(boolean dict, int start) {
      this.dict = dict;
      this.start = start;
      this.count = 0;
      this.key = null;
      this.seen = null;
    }

    void add(BValue value, int offset) {
      if (values == null) {
        values = new BValue[4];
        offsets = new int[4];
      } else if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
        offsets = Arrays.copyOf(offsets, count * 2);
      }
      if (dict) {
        if (keys == null || keys.length < values.length) {
          keys = keys == null ? new BString[values.length] : Arrays.copyOf(keys, values.length);
        }
        keys[count] = key;
        key = null;
      }
      values[count] = value;
      offsets[count] = offset;
      count++;
    }

    BValue close(byte[] source, int end) {
      BValue[] v = count == 0 ? EMPTY_VALUES : Arrays.copyOf(values, count);
      int[] o = count == 0 ? EMPTY_OFFSETS : Arrays.copyOf(offsets, count);
      if (count > 0) {
        Arrays.fill(values, 0, count, null);
      }
      if (!dict) {
        return new BList(new DecodedList(source, start, end, v, o));
      }
      BString[] k = count == 0 ? EMPTY_KEYS : Arrays.copyOf(keys, count);
      if (count > 0) {
        Arrays.fill(keys, 0, count, null);
      }
      seen = null;
      return new BDictionary(new DecodedMap(source, start, end, k, v, o));
    }

    /**
     * Takes the next key; in order, a duplicate is impossible, so the set of keys seen is only
     * built once a key arrives out of order.
     *
     * @return whether it kept the keys in canonical order, or null when it is a duplicate
     */
    Boolean acceptKey(BString k) {
      BString last = count == 0 ? null : keys[count - 1];
      boolean inOrder = last == null || last.compareTo(k) < 0;
      if (!inOrder && seen == null) {
        seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
          seen.add(keys[i]);
        }
      }
      if (seen != null && !seen.add(k)) {
        return null;
      }
      key = k;
      return inOrder;
    }
  }

  private Result scan(byte[] data, int from, int end) {
    int limit = (int) Math.min(end, (long) from + maxLength);
    Frame[] stack = new Frame[Math.min(maxDepth, 16)];
    int depth = 0;
    boolean canonical = true;
    int pos = from;
    while (true) {
      if (pos >= limit) {
        throw pos == from
            ? new BencodeException("", "truncated: no value", pos)
            : endError(stack, depth, pos, end);
      }
      byte b = data[pos];
      Frame top = depth == 0 ? null : stack[depth - 1];
      if (top != null && b == 'e') {
        if (top.dict && top.key != null) {
          throw new BencodeException(path(stack, depth), "key has no value", pos);
        }
        pos++;
        BValue done = top.close(data, pos);
        depth--;
        if (depth == 0) {
          return new Result(done, pos, canonical);
        }
        stack[depth - 1].add(done, top.start);
        continue;
      }
      if (top != null && top.dict && top.key == null) {
        if (b < '0' || b > '9') {
          throw new BencodeException(
              path(stack, depth), "dictionary key is not a byte string", pos);
        }
        int keyAt = pos;
        long span = stringSpan(data, pos, limit, end, stack, depth);
        BString key = new BString(data, (int) (span >>> 32), (int) span);
        Boolean inOrder = top.acceptKey(key);
        if (inOrder == null) {
          throw new BencodeException(path(stack, depth, key), "duplicate dictionary key", keyAt);
        }
        canonical &= inOrder;
        pos = (int) span;
        continue;
      }
      int start = pos;
      if (b == 'd' || b == 'l') {
        if (depth >= maxDepth) {
          throw new BencodeException(path(stack, depth), "nested deeper than " + maxDepth, pos);
        }
        if (depth == stack.length) {
          stack = Arrays.copyOf(stack, Math.min(maxDepth, stack.length * 2));
        }
        if (stack[depth] == null) {
          stack[depth] = new Frame();
        }
        stack[depth++].open(b == 'd', pos);
        pos++;
        continue;
      }
      BValue value;
      if (b == 'i') {
        long[] parsed = integer(data, pos, limit, end, stack, depth);
        value = new BInteger(parsed[0]);
        pos = (int) parsed[1];
      } else if (b >= '0' && b <= '9') {
        long span = stringSpan(data, pos, limit, end, stack, depth);
        pos = (int) span;
        value = new BString(data, (int) (span >>> 32), pos);
      } else {
        throw new BencodeException(
            path(stack, depth), "unexpected byte 0x" + Integer.toHexString(b & 0xFF), pos);
      }
      if (top == null) {
        return new Result(value, pos, canonical);
      }
      top.add(value, start);
    }
  }

  private BencodeException endError(Frame[] stack, int depth, int pos, int end) {
    if (pos < end) {
      return new BencodeException(
          path(stack, depth), "value is longer than " + maxLength + " bytes", pos);
    }
    return new BencodeException(path(stack, depth), "truncated: input ends inside a value", pos);
  }

  /**
   * The start (high 32 bits) and end (low 32 bits) of a string's bytes, packed so that reading a
   * string allocates nothing; {@code pos} points at its length prefix.
   */
  private long stringSpan(byte[] data, int pos, int limit, int end, Frame[] stack, int depth) {
    int start = pos;
    long length = 0;
    while (pos < limit && data[pos] >= '0' && data[pos] <= '9') {
      length = length * 10 + (data[pos] - '0');
      pos++;
      if (pos - start > 10) {
        throw new BencodeException(path(stack, depth), "string length is too large", start);
      }
    }
    if (pos >= limit) {
      throw endError(stack, depth, pos, end);
    }
    if (pos - start > 1 && data[start] == '0') {
      throw new BencodeException(path(stack, depth), "string length has a leading zero", start);
    }
    if (data[pos] != ':') {
      throw new BencodeException(path(stack, depth), "string length is not followed by ':'", pos);
    }
    pos++;
    if (length > limit - pos) {
      throw new BencodeException(
          path(stack, depth),
          limit < end
              ? "string of " + length + " bytes is longer than " + maxLength + " bytes"
              : "truncated: string of " + length + " bytes runs past the end",
          start);
    }
    return ((long) pos << 32) | (pos + length);
  }

  /** The value and the offset just past an integer; {@code pos} points at its {@code i}. */
  private long[] integer(byte[] data, int pos, int limit, int end, Frame[] stack, int depth) {
    int start = pos++;
    boolean negative = pos < limit && data[pos] == '-';
    if (negative) {
      pos++;
    }
    int first = pos;
    // Accumulated negatively, so that Long.MIN_VALUE fits.
    long v = 0;
    boolean overflow = false;
    while (pos < limit && data[pos] >= '0' && data[pos] <= '9') {
      int d = data[pos] - '0';
      if (v < (Long.MIN_VALUE + d) / 10) {
        overflow = true;
      } else {
        v = v * 10 - d;
      }
      pos++;
    }
    if (pos >= limit) {
      throw endError(stack, depth, pos, end);
    }
    int digits = pos - first;
    if (digits == 0 || data[pos] != 'e') {
      throw new BencodeException(path(stack, depth), "malformed integer", start);
    }
    if (data[first] == '0' && (digits > 1 || negative)) {
      throw new BencodeException(
          path(stack, depth), negative ? "integer is -0" : "integer has a leading zero", start);
    }
    if (overflow || (!negative && v == Long.MIN_VALUE)) {
      throw new BencodeException(path(stack, depth), "integer is beyond 64 bits", start);
    }
    return new long[] {negative ? v : -v, pos + 1};
  }

  /** The path of the value being read at {@code depth}: {@code info.files[3].length}. */
  private static String path(Frame[] stack, int depth) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      Frame f = stack[i];
      if (!f.dict) {
        path.append('[').append(f.count).append(']');
      } else if (f.key == null) {
        break;
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(f.key);
      }
    }
    return path.toString();
  }

  private static String path(Frame[] stack, int depth, BString key) {
    String base = path(stack, depth);
    return base.isEmpty() ? key.toString() : base + "." + key;
  }

  /** Limits of a {@link BencodeReader}. */
  public static final class Builder {
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxLength = Integer.MAX_VALUE;

    private Builder() {}

    /** How many lists and dictionaries may nest; a top-level dictionary is depth 1. */
    public Builder maxDepth(int depth) {
      if (depth < 1) {
        throw new IllegalArgumentException("maxDepth must be at least 1: " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /** How many bytes a value may take; longer input is refused before it is read. */
    public Builder maxLength(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxLength must be at least 1: " + bytes);
      }
      this.maxLength = bytes;
      return this;
    }

    /** The reader. */
    public BencodeReader build() {
      return new BencodeReader(this);
    }
  }
}
