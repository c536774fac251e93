package org.ilptorrent.create.internal;

import java.util.regex.Pattern;

/**
 * The names create-torrent leaves out of folders: hidden names (a leading dot) and the junk list of
 * the npm {@code junk} package 4.x (editor swap files, .DS_Store, Thumbs.db, desktop.ini, ...).
 */
final class Junk {
  private static final Pattern JUNK =
      Pattern.compile(
          String.join(
              "|",
              "^npm-debug\\.log$",
              "^\\..*\\.swp$",
              "^\\.DS_Store$",
              "^\\.AppleDouble$",
              "^\\.LSOverride$",
              "^Icon\\r$",
              "^\\._.*",
              "^\\.Spotlight-V100(?:$|/)",
              "\\.Trashes",
              "^__MACOSX$",
              "~$",
              "^Thumbs\\.db$",
              "^ehthumbs\\.db$",
              "^[Dd]esktop\\.ini$",
              "@eaDir$"));

  private Junk() {}

  /** Whether a folder entry called {@code name} is left out. */
  static boolean isLeftOut(String name) {
    return name.startsWith(".") || JUNK.matcher(name).find();
  }
}
