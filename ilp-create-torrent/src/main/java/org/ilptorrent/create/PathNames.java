package org.ilptorrent.create;

/**
 * The rule for names and path components written into a torrent: what ilp-parse-torrent (and any
 * careful client) accepts, so that no torrent is made that its own readers refuse.
 */
final class PathNames {
  private PathNames() {}

  static void check(String component, String what) {
    if (component == null || component.isEmpty()) {
      throw new InvalidTorrentInputException(what + ": empty name or path component");
    }
    if (component.equals(".") || component.equals("..")) {
      throw new InvalidTorrentInputException(what + ": path component '" + component + "'");
    }
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7F) {
        throw new InvalidTorrentInputException(
            what + ": character " + (int) c + " is not allowed in a name");
      }
    }
  }
}
