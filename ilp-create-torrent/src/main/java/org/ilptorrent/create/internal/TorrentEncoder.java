package org.ilptorrent.create.internal;

import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEEncoder;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds bencoded dictionaries through bt-bencoding, which writes keys in sorted order. Values are
 * given as plain Java values: {@code String}, {@code byte[]}, {@code Long}/{@code Integer}, {@code
 * List} and {@code Map<String, ?>}.
 */
public final class TorrentEncoder {
  private TorrentEncoder() {}

  /** The bencoding of {@code dictionary}. */
  public static byte[] encode(Map<String, ?> dictionary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BEEncoder.encoder().encode(map(dictionary), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static BEObject<?> value(Object v) {
    if (v instanceof String s) {
      return new BEString(s.getBytes(StandardCharsets.UTF_8));
    }
    if (v instanceof byte[] b) {
      return new BEString(b);
    }
    if (v instanceof Long || v instanceof Integer) {
      return new BEInteger(((Number) v).longValue());
    }
    if (v instanceof List<?> list) {
      List<BEObject<?>> items = new ArrayList<>();
      list.forEach(item -> items.add(value(item)));
      return new BEList(items);
    }
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> dict = (Map<String, ?>) m;
      return map(dict);
    }
    throw new IllegalArgumentException("cannot bencode " + v.getClass().getName());
  }

  private static BEMap map(Map<String, ?> dictionary) {
    Map<String, BEObject<?>> entries = new TreeMap<>();
    dictionary.forEach((k, v) -> entries.put(k, value(v)));
    return new BEMap(entries);
  }
}
