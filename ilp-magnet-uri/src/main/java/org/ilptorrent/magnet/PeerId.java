package org.ilptorrent.magnet;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The 20-byte id a BitTorrent peer sends in its handshake and its tracker announces. Content
 * equality; the bytes are copied in and out.
 */
public final class PeerId {
  /** The length of every peer id. */
  public static final int LENGTH = 20;

  /**
   * Azureus-style client prefix of this library: "IJ" (a code no known client uses; "IL" is iLivid
   * in libtorrent's table), version 0.1.0.0.
   */
  private static final byte[] PREFIX = "-IJ0100-".getBytes(StandardCharsets.US_ASCII);

  private static final String ALPHABET =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final byte[] bytes;

  private PeerId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The peer id made of these 20 bytes.
   *
   * @throws IllegalArgumentException when {@code bytes} is not 20 bytes long
   */
  public static PeerId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a peer id is 20 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new PeerId(bytes.clone());
  }

  /**
   * The peer id written as 40 hex digits.
   *
   * @throws IllegalArgumentException when {@code hex} is not 40 hex digits
   */
  public static PeerId fromHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("a hex peer id is 40 digits");
    }
    try {
      return new PeerId(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a hex peer id is 40 digits", e);
    }
  }

  /**
   * A fresh peer id: this library's Azureus-style prefix ({@code -IJ0100-}) and 12 random
   * alphanumeric characters from {@code random}.
   */
  public static PeerId generate(RandomGenerator random) {
    byte[] id = Arrays.copyOf(PREFIX, LENGTH);
    for (int i = PREFIX.length; i < LENGTH; i++) {
      id[i] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new PeerId(id);
  }

  /** A fresh peer id from a new {@link SecureRandom}, as {@link #generate} makes them. */
  public static PeerId random() {
    return generate(new SecureRandom());
  }

  /** A copy of the 20 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The id as 40 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
