package org.ilptorrent.webtorrent.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.parse.InvalidTorrentException;

/**
 * Maps a torrent file's path components to a path inside the download folder, refusing anything
 * that could land outside it. The parser already sanitises paths; this check is repeated here
 * because a store must be safe whatever layout it is given.
 */
public final class SafePaths {
  private SafePaths() {}

  /**
   * The file for {@code components} under {@code root}.
   *
   * @throws InvalidTorrentException for an empty path, or a component that is empty, {@code .},
   *     {@code ..}, absolute, or holds a separator or NUL
   */
  public static Path resolve(Path root, List<String> components) {
    if (components.isEmpty()) {
      throw unsafe("empty path");
    }
    Path base = root.toAbsolutePath().normalize();
    Path p = base;
    for (String c : components) {
      if (c == null || c.isEmpty() || c.equals(".") || c.equals("..")) {
        throw unsafe("path component '" + c + "' is not allowed");
      }
      if (c.indexOf('/') >= 0 || c.indexOf('\\') >= 0 || c.indexOf('\0') >= 0) {
        throw unsafe("path component holds a separator or NUL");
      }
      Path part = Path.of(c);
      if (part.isAbsolute() || part.getRoot() != null || part.getNameCount() != 1) {
        throw unsafe("path component '" + c + "' is absolute");
      }
      p = p.resolve(part);
    }
    Path normal = p.normalize();
    if (!normal.startsWith(base) || normal.equals(base)) {
      throw unsafe("path leaves the download folder");
    }
    return normal;
  }

  private static InvalidTorrentException unsafe(String message) {
    return new InvalidTorrentException("info.files.path", -1, message);
  }

  /**
   * Creates the parent folders of {@code file} and checks that they resolve inside {@code root}, so
   * that a symbolic link planted in the download folder cannot redirect a write.
   *
   * @throws IOException when a folder cannot be created or resolves outside the root
   */
  public static void createParentInside(Path root, Path file) throws IOException {
    Path parent = file.getParent();
    Files.createDirectories(parent);
    if (!parent.toRealPath().startsWith(root.toRealPath())) {
      throw new IOException("refusing to write through a link out of the download folder: " + file);
    }
  }
}
