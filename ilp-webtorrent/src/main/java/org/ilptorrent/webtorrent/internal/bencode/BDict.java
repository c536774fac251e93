package org.ilptorrent.webtorrent.internal.bencode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * Typed access to a decoded bencode dict. A key that is absent reads as empty; a key that holds the
 * wrong type is a protocol error naming the key.
 */
public final class BDict {
  private final Map<String, Object> map;

  private BDict(Map<String, Object> map) {
    this.map = map;
  }

  /** The dict {@code value}, or a protocol error naming {@code what}. */
  @SuppressWarnings("unchecked")
  public static BDict of(Object value, String what) throws PeerProtocolException {
    if (!(value instanceof Map)) {
      throw new PeerProtocolException(what + " is not a dict");
    }
    return new BDict((Map<String, Object>) value);
  }

  /** Whether the key is present. */
  public boolean has(String key) {
    return map.containsKey(key);
  }

  /** The keys, in input order. */
  public java.util.Set<String> keys() {
    return map.keySet();
  }

  /** An integer value. */
  public OptionalLong integer(String key) throws PeerProtocolException {
    Object v = map.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (!(v instanceof Long l)) {
      throw new PeerProtocolException(key + " is not an integer");
    }
    return OptionalLong.of(l);
  }

  /** An integer value that must be present. */
  public long requireInteger(String key) throws PeerProtocolException {
    return integer(key).orElseThrow(() -> new PeerProtocolException(key + " is missing"));
  }

  /** A byte string value. */
  public Optional<byte[]> bytes(String key) throws PeerProtocolException {
    Object v = map.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof byte[] b)) {
      throw new PeerProtocolException(key + " is not a string");
    }
    return Optional.of(b);
  }

  /** A byte string value decoded as UTF-8 (malformed sequences replaced). */
  public Optional<String> string(String key) throws PeerProtocolException {
    return bytes(key).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** A dict value. */
  public Optional<BDict> dict(String key) throws PeerProtocolException {
    Object v = map.get(key);
    return v == null ? Optional.empty() : Optional.of(of(v, key));
  }

  /** A list value, its elements as read. */
  @SuppressWarnings("unchecked")
  public Optional<List<Object>> list(String key) throws PeerProtocolException {
    Object v = map.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof List)) {
      throw new PeerProtocolException(key + " is not a list");
    }
    return Optional.of((List<Object>) v);
  }

  /** The raw value of {@code key} ({@code Long}, {@code byte[]}, list or map), or null. */
  public Object raw(String key) {
    return map.get(key);
  }
}
