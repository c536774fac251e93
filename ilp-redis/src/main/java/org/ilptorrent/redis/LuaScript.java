package org.ilptorrent.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script run atomically by Redis, with its SHA-1 (the name Redis caches it under).
 *
 * @param name a short name for messages
 * @param source the Lua source
 * @param sha1 lowercase hex SHA-1 of the source
 */
public record LuaScript(String name, String source, String sha1) {

  /** Validates the fields. */
  public LuaScript {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha1, "sha1");
  }

  /** A script; {@code library} (helper functions) is put before {@code body}. */
  public static LuaScript of(String name, String library, String body) {
    String source = library + "\n" + body;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return new LuaScript(name, source, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 missing from the JDK", e);
    }
  }
}
