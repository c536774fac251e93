package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ThreadLocalRandom;

/** The demo's content: a file of random bytes, and SHA-256 to check what arrived. */
final class RandomFile {
  private RandomFile() {}

  /** Writes {@code size} random bytes to {@code file}; their SHA-256. */
  static byte[] write(Path file, long size) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(buffer.length, left);
        ThreadLocalRandom.current().nextBytes(buffer);
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
        left -= n;
      }
    }
    return sha.digest();
  }

  /** The SHA-256 of {@code file}. */
  static byte[] sha256(Path file) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
