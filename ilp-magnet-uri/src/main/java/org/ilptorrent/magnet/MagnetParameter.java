package org.ilptorrent.magnet;

import java.util.Objects;

/**
 * A magnet parameter this library does not interpret, kept exactly as written so that it survives a
 * parse and re-encode.
 *
 * @param key the parameter name as written
 * @param rawValue the value as written, still percent-encoded; {@code null} when the parameter had
 *     no {@code =}
 */
public record MagnetParameter(String key, String rawValue) {
  /**
   * Validates the parameter.
   *
   * @throws InvalidMagnetUriException when the key is empty or either part holds a character that
   *     would break the URI ({@code &}, {@code #}, space or control characters; {@code =} in the
   *     key)
   */
  public MagnetParameter {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new InvalidMagnetUriException(null, "parameter name is empty");
    }
    checkRaw(key, key, true);
    if (rawValue != null) {
      checkRaw(key, rawValue, false);
    }
  }

  /** {@code key=rawValue}, or {@code key} alone when there is no value. */
  @Override
  public String toString() {
    return rawValue == null ? key : key + "=" + rawValue;
  }

  private static void checkRaw(String key, String text, boolean isKey) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '&' || c == '#' || c <= ' ' || c == 0x7F || (isKey && c == '=')) {
        throw new InvalidMagnetUriException(
            key, "character " + (int) c + " at index " + i + " must be percent-encoded");
      }
    }
  }
}
