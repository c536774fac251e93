package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The operator token that {@code POST /torrents} requires: generated on first start (32 random
 * bytes, base64url) and kept in {@code <data dir>/operator-token} (0600), so that later starts use
 * the same one; without a data directory, a new one for each start.
 *
 * @param token the token
 * @param created whether this start generated it
 */
public record OperatorToken(String token, boolean created) {
  /** The file name in the data directory. */
  public static final String FILE_NAME = "operator-token";

  /** The token kept in {@code dataDir} (null: none), generating and saving it the first time. */
  public static OperatorToken load(Path dataDir) throws IOException {
    if (dataDir == null) {
      return new OperatorToken(generate(), true);
    }
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      PrivateFiles.restrict(file);
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IOException("the operator token file is damaged: " + file);
      }
      return new OperatorToken(token, false);
    }
    PrivateFiles.directory(dataDir);
    String token = generate();
    PrivateFiles.writeAtomically(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
    return new OperatorToken(token, true);
  }

  private static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
