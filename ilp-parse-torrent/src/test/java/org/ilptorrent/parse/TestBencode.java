package org.ilptorrent.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BInteger;
import org.ilptorrent.bencode.BList;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.bencode.Bencode;

/**
 * Writes test torrents from plain values (strings, byte arrays, numbers, lists and maps, which
 * tests edit in place) through ilp-bencode's canonical writer.
 */
final class TestBencode {
  private TestBencode() {}

  static byte[] encode(Object value) {
    return Bencode.encode(value(value));
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

  private static BValue value(Object v) {
    if (v instanceof String s) {
      return BString.of(s);
    } else if (v instanceof byte[] b) {
      return BString.of(b);
    } else if (v instanceof Number n) {
      return new BInteger(n.longValue());
    } else if (v instanceof List<?> list) {
      return new BList(list.stream().map(TestBencode::value).toList());
    } else if (v instanceof Map<?, ?> map) {
      BDictionary.Builder b = BDictionary.builder();
      map.forEach((k, item) -> b.put((String) k, value(item)));
      return b.build();
    }
    throw new IllegalArgumentException("cannot bencode " + v);
  }
}
