package org.ilptorrent.parse.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/** Writes a bencoded dictionary from raw, already-encoded values, keys in canonical order. */
public final class Bencode {
  /** BEP 3 key order: raw UTF-8 bytes compared unsigned. */
  public static final Comparator<String> KEY_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private Bencode() {}

  /** {@code d<key><value>...e} with {@code entries} iterated in {@link #KEY_ORDER}. */
  public static byte[] dictionary(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('d');
    entries.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(KEY_ORDER))
        .forEach(
            e -> {
              byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
              out.writeBytes((key.length + ":").getBytes(StandardCharsets.US_ASCII));
              out.writeBytes(key);
              out.writeBytes(e.getValue());
            });
    out.write('e');
    return out.toByteArray();
  }
}
