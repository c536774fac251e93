package org.ilptorrent.create;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deterministic sample files of the create-torrent fixtures: byte {@code i} of the file at
 * relative path {@code p} is {@code (7 i + seed(p)) mod 251}, where seed is the sum of p's UTF-8
 * bytes mod 251 (the same rule as interop/npm/create-torrent-fixtures/generate.mjs).
 */
final class SampleInputs {
  private SampleInputs() {}

  static byte[] content(String relativePath, int size) {
    int seed = 0;
    for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
      seed += b & 0xFF;
    }
    seed %= 251;
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) ((7L * i + seed) % 251);
    }
    return data;
  }

  static Path write(Path root, String relativePath, int size) throws IOException {
    Path file = root.resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.write(file, content(relativePath, size));
    return file;
  }
}
