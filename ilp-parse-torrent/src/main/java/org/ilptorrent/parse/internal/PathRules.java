package org.ilptorrent.parse.internal;

import org.ilptorrent.parse.InvalidTorrentException;

/**
 * What a name or path component from a torrent may be, so that no file lands outside the download
 * folder: not empty, not {@code .} or {@code ..}, no {@code /}, {@code \} or NUL, no control
 * characters.
 */
public final class PathRules {
  private PathRules() {}

  /**
   * Checks one component.
   *
   * @throws InvalidTorrentException naming {@code field} and {@code offset}
   */
  public static String check(String component, String field, int offset) {
    if (component.isEmpty()) {
      throw new InvalidTorrentException(field, offset, "empty path component");
    }
    if (component.equals(".") || component.equals("..")) {
      throw new InvalidTorrentException(field, offset, "path component '" + component + "'");
    }
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '/' || c == '\\') {
        throw new InvalidTorrentException(field, offset, "path separator inside a component");
      }
      if (c < 0x20 || c == 0x7F) {
        throw new InvalidTorrentException(
            field, offset, "control character " + (int) c + " in a path component");
      }
    }
    return component;
  }
}
