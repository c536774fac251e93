package org.ilptorrent.webtorrent.internal.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import org.ilptorrent.magnet.PathComponent;
import org.ilptorrent.parse.InvalidTorrentException;

/**
 * Maps a torrent file's path components to a path inside the download folder, refusing anything
 * that could land outside it. The parser already checks components by {@link PathComponent}'s rule;
 * the check is repeated here because a store must be safe whatever layout it is given, and this
 * class adds what only the file system can say (absolute paths, links).
 */
public final class SafePaths {
  private SafePaths() {}

  /**
   * The file for {@code components} under {@code root}.
   *
   * @throws InvalidTorrentException for an empty path, a component {@link PathComponent} refuses
   *     (empty, {@code .}, {@code ..}, a separator or a control character), or one the file system
   *     reads as absolute
   */
  public static Path resolve(Path root, List<String> components) {
    if (components.isEmpty()) {
      throw unsafe("empty path");
    }
    Path base = root.toAbsolutePath().normalize();
    Path p = base;
    for (String c : components) {
      Optional<String> problem = PathComponent.problem(c);
      if (problem.isPresent()) {
        throw unsafe(problem.get());
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
   * Creates the parent folders of {@code file} one at a time, checking each before anything is
   * created under it, so that a symbolic link planted in the download folder can neither redirect a
   * write nor make us create folders outside it. The root itself may be a link (the user chose it);
   * nothing below it may be.
   *
   * @throws IOException when a folder cannot be created, an existing component is a link or not a
   *     folder, or the result resolves outside the root
   */
  public static void createParentInside(Path root, Path file) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    Path parent = file.toAbsolutePath().normalize().getParent();
    if (parent == null || !parent.startsWith(base)) {
      throw new IOException("refusing to write outside the download folder: " + file);
    }
    Files.createDirectories(base);
    Path realBase = base.toRealPath();
    Path current = base;
    for (Path name : base.relativize(parent)) {
      if (name.toString().isEmpty()) {
        continue; // the file sits directly in the root
      }
      current = current.resolve(name);
      if (!isRealFolder(current)) {
        try {
          Files.createDirectory(current);
        } catch (FileAlreadyExistsException e) {
          // created meanwhile (another file of the torrent): checked below like any other
        }
        if (!isRealFolder(current)) {
          throw new IOException(
              "refusing to write through a link out of the download folder: " + current);
        }
      }
    }
    if (!parent.toRealPath().startsWith(realBase)) {
      throw new IOException("refusing to write through a link out of the download folder: " + file);
    }
  }

  /**
   * Whether {@code path} is a folder and not a link; throws when something else is in the way, so
   * that a link is never created under or followed.
   */
  private static boolean isRealFolder(Path path) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (a.isSymbolicLink()) {
      throw new IOException("refusing to write through a link out of the download folder: " + path);
    }
    if (!a.isDirectory()) {
      throw new IOException("cannot create a folder where a file is: " + path);
    }
    return true;
  }
}
