package org.ilptorrent.tracker.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of the tracker's secrets (seeder tokens, balance ids, operator tokens). */
final class Secrets {
  private Secrets() {}

  /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code text}. */
  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}. */
  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * Whether {@code given} is the secret whose digest is {@code digestHex}, in time independent of
   * where they differ.
   */
  static boolean matches(String given, String digestHex) {
    return given != null
        && MessageDigest.isEqual(sha256(given), HexFormat.of().parseHex(digestHex));
  }
}
