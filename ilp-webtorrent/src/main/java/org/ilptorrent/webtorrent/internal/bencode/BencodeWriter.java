package org.ilptorrent.webtorrent.internal.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes bencode canonically: dict keys sorted by their bytes, integers in shortest form. Accepts
 * {@code Long}/{@code Integer}, {@code byte[]}, {@code String} (written as UTF-8), {@code List} and
 * {@code Map} with {@code String} keys (written as ISO-8859-1, the reader's key form; plain ASCII
 * keys are the same either way). Anything else is a programming error.
 */
public final class BencodeWriter {
  private BencodeWriter() {}

  /** The encoding of {@code value}. */
  public static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    write(value, out);
    return out.toByteArray();
  }

  /** Appends the encoding of {@code value} to {@code out}. */
  public static void write(Object value, ByteArrayOutputStream out) {
    if (value instanceof Long || value instanceof Integer) {
      ascii(out, "i" + value + "e");
    } else if (value instanceof byte[] b) {
      bytes(out, b);
    } else if (value instanceof String s) {
      bytes(out, s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof List<?> list) {
      out.write('l');
      for (Object item : list) {
        write(item, out);
      }
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      TreeMap<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key) || e.getValue() == null) {
          throw new IllegalArgumentException("dict entries need a string key and a value: " + e);
        }
        sorted.put(key.getBytes(StandardCharsets.ISO_8859_1), e.getValue());
      }
      out.write('d');
      for (Map.Entry<byte[], Object> e : sorted.entrySet()) {
        bytes(out, e.getKey());
        write(e.getValue(), out);
      }
      out.write('e');
    } else {
      throw new IllegalArgumentException(
          "cannot bencode " + (value == null ? "null" : value.getClass().getName()));
    }
  }

  private static void bytes(ByteArrayOutputStream out, byte[] b) {
    ascii(out, b.length + ":");
    out.writeBytes(b);
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
