package org.ilptorrent.parse.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A bencoded value as {@link BencodeReader} reads it. */
public sealed interface BValue {

  /** A byte string: a view of the input, copied only when asked. */
  record BBytes(byte[] data, int from, int to) implements BValue {
    /** A copy of the bytes. */
    public byte[] bytes() {
      return Arrays.copyOfRange(data, from, to);
    }

    /** The bytes as UTF-8 text; malformed sequences become U+FFFD, as TextDecoder does. */
    public String text() {
      return new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    /** How many bytes. */
    public int length() {
      return to - from;
    }
  }

  /** An integer; bencoded integers beyond 64 bits are refused by the reader. */
  record BInt(long value) implements BValue {}

  /** A list, in order. */
  record BList(List<BValue> items) implements BValue {}

  /** A dictionary by key text, in input order. */
  record BDict(Map<String, BValue> entries) implements BValue {
    /** The value of {@code key}, or {@code null}. */
    public BValue get(String key) {
      return entries.get(key);
    }

    /** Whether the key is present. */
    public boolean has(String key) {
      return entries.containsKey(key);
    }
  }
}
