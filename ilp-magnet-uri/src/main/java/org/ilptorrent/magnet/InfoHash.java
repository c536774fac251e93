package org.ilptorrent.magnet;

import java.util.Arrays;
import java.util.Optional;
import org.ilptorrent.magnet.internal.Base32;
import org.ilptorrent.magnet.internal.Hex;

/**
 * The identity of a torrent: the SHA-1 of its info dictionary (BitTorrent v1, 20 bytes) or the
 * SHA-256 of a v2 info dictionary (32 bytes).
 *
 * <p>Immutable, compared by content. {@link #toString()} is the lowercase hex form.
 */
public final class InfoHash {
  /** Length of a v1 (SHA-1) info hash in bytes. */
  public static final int V1_LENGTH = 20;

  /** Length of a v2 (SHA-256) info hash in bytes. */
  public static final int V2_LENGTH = 32;

  private static final String SHA256_MULTIHASH_PREFIX = "1220";

  private final byte[] bytes;

  private InfoHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * An info hash from raw bytes: 20 bytes make a v1 hash, 32 bytes a v2 hash. The array is copied.
   *
   * @throws InvalidInfoHashException for any other length
   */
  public static InfoHash of(byte[] bytes) {
    if (bytes == null) {
      throw new InvalidInfoHashException("info hash bytes are null");
    }
    if (bytes.length != V1_LENGTH && bytes.length != V2_LENGTH) {
      throw new InvalidInfoHashException(
          "info hash must be 20 (v1) or 32 (v2) bytes, got " + bytes.length);
    }
    return new InfoHash(bytes.clone());
  }

  /**
   * An info hash from hex of either case: 40 digits for v1, 64 for v2.
   *
   * @throws InvalidInfoHashException for any other length or a character that is not hex
   */
  public static InfoHash fromHex(String hex) {
    if (hex == null || (hex.length() != 2 * V1_LENGTH && hex.length() != 2 * V2_LENGTH)) {
      throw new InvalidInfoHashException(
          "hex info hash must be 40 (v1) or 64 (v2) digits, got "
              + (hex == null ? "null" : hex.length() + " characters"));
    }
    try {
      return new InfoHash(Hex.decode(hex));
    } catch (IllegalArgumentException e) {
      throw new InvalidInfoHashException("hex info hash: " + e.getMessage());
    }
  }

  /**
   * A v1 info hash from its 32-character RFC 4648 base32 form (either case).
   *
   * @throws InvalidInfoHashException for any other length or a character outside the alphabet
   */
  public static InfoHash fromBase32(String base32) {
    if (base32 == null || base32.length() != 32) {
      throw new InvalidInfoHashException(
          "base32 info hash must be 32 characters, got "
              + (base32 == null ? "null" : base32.length()));
    }
    try {
      return new InfoHash(Base32.decode(base32));
    } catch (IllegalArgumentException e) {
      throw new InvalidInfoHashException("base32 info hash: " + e.getMessage());
    }
  }

  /**
   * A v2 info hash from a SHA-256 multihash in hex ({@code 1220} followed by 64 hex digits), the
   * form a {@code urn:btmh:} magnet topic carries.
   *
   * @throws InvalidInfoHashException for another hash function, length or a non-hex character
   */
  public static InfoHash fromMultihash(String hex) {
    if (hex == null
        || hex.length() != SHA256_MULTIHASH_PREFIX.length() + 2 * V2_LENGTH
        || !hex.startsWith(SHA256_MULTIHASH_PREFIX)) {
      throw new InvalidInfoHashException(
          "multihash must be 1220 (sha2-256, 32 bytes) followed by 64 hex digits");
    }
    return fromHex(hex.substring(SHA256_MULTIHASH_PREFIX.length()));
  }

  /**
   * Parses any textual form a user may type: 40 or 64 hex digits, or 32 base32 characters.
   *
   * @throws InvalidInfoHashException when the text is none of these
   */
  public static InfoHash parse(String text) {
    if (text != null && text.length() == 32) {
      return fromBase32(text);
    }
    return fromHex(text);
  }

  /** Like {@link #parse(String)}, but empty instead of throwing. */
  public static Optional<InfoHash> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidInfoHashException e) {
      return Optional.empty();
    }
  }

  /** 1 for a SHA-1 info hash, 2 for a SHA-256 one. */
  public int version() {
    return bytes.length == V1_LENGTH ? 1 : 2;
  }

  /** A copy of the raw bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Lowercase hex. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  /** Uppercase RFC 4648 base32 without padding (32 characters for v1, 56 for v2). */
  public String toBase32() {
    byte[] padded = bytes.length % 5 == 0 ? bytes : Arrays.copyOf(bytes, 35);
    String text = Base32.encode(padded);
    return bytes.length % 5 == 0 ? text : text.substring(0, (bytes.length * 8 + 4) / 5);
  }

  /** The magnet exact topic: {@code urn:btih:<hex>} for v1, {@code urn:btmh:1220<hex>} for v2. */
  public String toUrn() {
    return version() == 1 ? "urn:btih:" + toHex() : "urn:btmh:" + SHA256_MULTIHASH_PREFIX + toHex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfoHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Lowercase hex, as {@link #toHex()}. */
  @Override
  public String toString() {
    return toHex();
  }
}
