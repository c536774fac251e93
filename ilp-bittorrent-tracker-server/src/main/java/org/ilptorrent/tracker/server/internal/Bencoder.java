package org.ilptorrent.tracker.server.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Writes the few bencoded shapes an HTTP tracker answers with; keys in byte order. */
final class Bencoder {
  private Bencoder() {}

  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
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
    } else if (v instanceof Iterable<?> list) {
      out.write('l');
      list.forEach(item -> write(item, out));
      out.write('e');
    } else if (v instanceof Map<?, ?> map) {
      Map<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
      ((Map<Object, Object>) map)
          .forEach(
              (k, val) ->
                  sorted.put(
                      k instanceof byte[] b ? b : k.toString().getBytes(StandardCharsets.UTF_8),
                      val));
      out.write('d');
      sorted.forEach(
          (k, val) -> {
            write(k, out);
            write(val, out);
          });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + v);
    }
  }
}
