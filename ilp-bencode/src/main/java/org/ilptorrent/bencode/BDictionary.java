package org.ilptorrent.bencode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A bencoded dictionary. Keys are byte strings, not text: any bytes are allowed (hybrid v1+v2
 * torrents key {@code piece layers} by 32-byte hashes). Entries are in input order when read, in
 * insertion order when built; {@link Bencode#encode(BValue)} writes them in key order.
 *
 * <p>A {@code String} key means its UTF-8 bytes. The typed getters ({@link #string(String)}, {@link
 * #integer(String)}, ...) throw a {@link BencodeException} that names the key when it is missing or
 * holds another type; the {@code find} forms return empty when the key is missing and throw when it
 * holds another type.
 *
 * @param entries the entries; unmodifiable
 */
public record BDictionary(Map<BString, BValue> entries) implements BValue {

  /** Copies {@code entries} unless they were read from input (those are already immutable). */
  public BDictionary {
    if (!(entries instanceof DecodedMap)) {
      Map<BString, BValue> copy = new LinkedHashMap<>(entries.size() * 2);
      entries.forEach(
          (k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
      entries = Collections.unmodifiableMap(copy);
    }
  }

  /** A builder of a dictionary, entries in insertion order. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many entries. */
  public int size() {
    return entries.size();
  }

  /** The value of {@code key}, or {@code null} when there is none. */
  public BValue get(String key) {
    return entries instanceof DecodedMap d ? d.get(key) : entries.get(BString.of(key));
  }

  /** The value of {@code key}, or {@code null} when there is none. */
  public BValue get(BString key) {
    return entries.get(key);
  }

  /** The value of {@code key}, if any. */
  public Optional<BValue> find(String key) {
    return Optional.ofNullable(get(key));
  }

  /** Whether {@code key} is present. */
  public boolean has(String key) {
    return get(key) != null;
  }

  /** Whether {@code key} is present. */
  public boolean has(BString key) {
    return entries.containsKey(key);
  }

  /** The byte string under {@code key}. */
  public BString string(String key) {
    return as(BString.class, key, require(key));
  }

  /** The byte string under {@code key}, if present. */
  public Optional<BString> findString(String key) {
    BValue v = get(key);
    return v == null ? Optional.empty() : Optional.of(as(BString.class, key, v));
  }

  /** The text under {@code key}, strictly UTF-8. */
  public String text(String key) {
    return utf8(key, string(key));
  }

  /** The text under {@code key}, strictly UTF-8, if present. */
  public Optional<String> findText(String key) {
    return findString(key).map(s -> utf8(key, s));
  }

  /** The integer under {@code key}. */
  public long integer(String key) {
    return as(BInteger.class, key, require(key)).value();
  }

  /** The integer under {@code key}, if present. */
  public OptionalLong findInteger(String key) {
    BValue v = get(key);
    return v == null ? OptionalLong.empty() : OptionalLong.of(as(BInteger.class, key, v).value());
  }

  /** The list under {@code key}. */
  public BList list(String key) {
    return as(BList.class, key, require(key));
  }

  /** The list under {@code key}, if present. */
  public Optional<BList> findList(String key) {
    BValue v = get(key);
    return v == null ? Optional.empty() : Optional.of(as(BList.class, key, v));
  }

  /** The dictionary under {@code key}. */
  public BDictionary dictionary(String key) {
    return as(BDictionary.class, key, require(key));
  }

  /** The dictionary under {@code key}, if present. */
  public Optional<BDictionary> findDictionary(String key) {
    BValue v = get(key);
    return v == null ? Optional.empty() : Optional.of(as(BDictionary.class, key, v));
  }

  /**
   * The byte offset in the input where the value of {@code key} starts, or -1 when the key is
   * missing or this dictionary was not read from input.
   */
  public int offsetOf(String key) {
    if (entries instanceof DecodedMap d) {
      int i = d.indexOf(key);
      return i < 0 ? -1 : d.offsetAt(i);
    }
    return -1;
  }

  /** Like {@link #offsetOf(String)}, for a key of any bytes. */
  public int offsetOf(BString key) {
    if (entries instanceof DecodedMap d) {
      int i = d.indexOf(key);
      return i < 0 ? -1 : d.offsetAt(i);
    }
    return -1;
  }

  /**
   * The byte offset in the input where this dictionary starts, or -1 when it was not read from
   * input.
   */
  public int offset() {
    return entries instanceof DecodedMap d ? d.start : -1;
  }

  /**
   * Whether this dictionary was read from input, so that {@link #encoded()} is the input's bytes.
   */
  public boolean isDecoded() {
    return entries instanceof DecodedMap;
  }

  /**
   * For a dictionary read from input, the exact input bytes of it, keys in whatever order they came
   * (so the SHA-1 of a decoded info dictionary is its info hash); otherwise the canonical encoding.
   */
  @Override
  public byte[] encoded() {
    return entries instanceof DecodedMap d ? d.encoded() : Bencode.encode(this);
  }

  @Override
  public String toString() {
    return BencodeWriter.describe(this);
  }

  private BValue require(String key) {
    BValue v = get(key);
    if (v == null) {
      throw new BencodeException(key, "missing", offset());
    }
    return v;
  }

  private <T extends BValue> T as(Class<T> type, String key, BValue v) {
    if (!type.isInstance(v)) {
      String wanted =
          type == BString.class
              ? "a byte string"
              : type == BInteger.class
                  ? "an integer"
                  : type == BList.class ? "a list" : "a dictionary";
      throw new BencodeException(key, "expected " + wanted + ", found " + v.kind(), offsetOf(key));
    }
    return type.cast(v);
  }

  private String utf8(String key, BString s) {
    try {
      return s.utf8();
    } catch (BencodeException e) {
      throw new BencodeException(key, "not valid UTF-8", offsetOf(key) < 0 ? -1 : e.offset());
    }
  }

  /** Collects entries in insertion order; a key put twice keeps its last value. */
  public static final class Builder {
    private final Map<BString, BValue> entries = new LinkedHashMap<>();

    private Builder() {}

    /** Puts {@code value} under {@code key}. */
    public Builder put(BString key, BValue value) {
      entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Puts {@code value} under the UTF-8 bytes of {@code key}. */
    public Builder put(String key, BValue value) {
      return put(BString.of(key), value);
    }

    /** Puts an integer. */
    public Builder put(String key, long value) {
      return put(key, new BInteger(value));
    }

    /** Puts the UTF-8 bytes of {@code value}. */
    public Builder put(String key, String value) {
      return put(key, BString.of(value));
    }

    /** Puts a copy of {@code value}. */
    public Builder put(String key, byte[] value) {
      return put(key, BString.of(value));
    }

    /** Puts an integer. */
    public Builder put(BString key, long value) {
      return put(key, new BInteger(value));
    }

    /** Puts the UTF-8 bytes of {@code value}. */
    public Builder put(BString key, String value) {
      return put(key, BString.of(value));
    }

    /** Puts a copy of {@code value}. */
    public Builder put(BString key, byte[] value) {
      return put(key, BString.of(value));
    }

    /** The dictionary. */
    public BDictionary build() {
      return new BDictionary(entries);
    }
  }
}
