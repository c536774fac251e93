package org.ilptorrent.webtorrent.webrtc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Files the WebRTC tests share and check. */
final class TestFiles {
  private TestFiles() {}

  /** {@code size} random bytes (seeded by the size) in {@code folder/name}, folders made. */
  static Path random(Path folder, String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return Files.write(Files.createDirectories(folder).resolve(name), bytes);
  }

  /** The file's SHA-1 in lowercase hex. */
  static String sha1(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
