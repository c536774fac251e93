package org.ilptorrent.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes test torrents: strings, byte arrays, numbers, lists and maps (keys sorted) as bencode. */
final class TestBencode {
  private TestBencode() {}

  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  /** A map that keeps insertion order, for building dictionaries in tests. */
  static Map<String, Object> dict(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** A valid single-file torrent of {@code length} bytes in 16 KiB pieces, as a mutable map. */
  static Map<String, Object> singleFile(String name, long length) {
    int pieceLength = 16384;
    int pieces = (int) ((length + pieceLength - 1) / pieceLength);
    return dict(
        "announce",
        "http://127.0.0.1:8000/announce",
        "info",
        dict(
            "length",
            length,
            "name",
            name,
            "piece length",
            pieceLength,
            "pieces",
            new byte[20 * pieces]));
  }

  @SuppressWarnings("unchecked")
  private static void write(Object v, ByteArrayOutputStream out) {
    if (v instanceof String s) {
      write(s.getBytes(StandardCharsets.UTF_8), out);
    } else if (v instanceof byte[] b) {
      out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
    } else if (v instanceof Number n) {
      out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof List<?> list) {
      out.write('l');
      list.forEach(item -> write(item, out));
      out.write('e');
    } else if (v instanceof Map<?, ?> map) {
      out.write('d');
      ((Map<String, Object>) map)
          .entrySet().stream()
              .sorted(
                  (a, b) ->
                      Arrays.compareUnsigned(
                          a.getKey().getBytes(StandardCharsets.UTF_8),
                          b.getKey().getBytes(StandardCharsets.UTF_8)))
              .forEach(
                  e -> {
                    write(e.getKey(), out);
                    write(e.getValue(), out);
                  });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + v);
    }
  }
}
