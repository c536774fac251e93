package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.parse.ParseLimits;
import org.ilptorrent.parse.TorrentIdentity;
import org.ilptorrent.parse.TorrentInfo;

/**
 * What a {@code <torrent>} argument names: a .torrent file, a magnet link or an info hash, with a
 * message that says which one it was meant to be when it is none of them: a missing file, a file
 * that is not a torrent, a magnet link that does not parse.
 */
final class TorrentSource {
  private TorrentSource() {}

  /**
   * A parsed .torrent when {@code text} names a file, else the identity of a magnet link or info
   * hash.
   *
   * @throws NoSuchFileException when {@code text} is neither and looks like a file name
   * @throws IllegalArgumentException when it names something else, or a file that is not a torrent
   */
  static Object resolve(String text) throws IOException {
    if (text.regionMatches(true, 0, "magnet:", 0, 7)) {
      try {
        return TorrentIdentity.parse(text);
      } catch (InvalidTorrentException e) {
        throw new IllegalArgumentException(
            e.getMessage().replaceFirst("^not a magnet link or info hash: ", "not a magnet link: "),
            e);
      }
    }
    Path file = path(text);
    if (file != null && Files.isRegularFile(file)) {
      return parseFile(file);
    }
    if (file != null && Files.isDirectory(file)) {
      throw new IllegalArgumentException(text + " is a folder, not a .torrent file");
    }
    java.util.Optional<TorrentIdentity> identity = TorrentIdentity.tryParse(text);
    if (identity.isPresent()) {
      return identity.get();
    }
    if (looksLikeAFile(text)) {
      throw new NoSuchFileException(ErrorHandlers.oneLine(text));
    }
    throw new IllegalArgumentException(
        "not a .torrent file, magnet link or info hash: '"
            + ErrorHandlers.oneLine(text)
            + "' (no such file; an info hash is 40 hex or 32 base32 characters)");
  }

  /**
   * Reads the .torrent file {@code file}.
   *
   * @throws IllegalArgumentException naming the file when it is not a torrent
   */
  static TorrentInfo parseFile(Path file) throws IOException {
    try {
      return TorrentInfo.parse(file);
    } catch (InvalidTorrentException e) {
      long size = Files.size(file);
      int most = ParseLimits.defaults().maxTorrentBytes();
      throw new IllegalArgumentException(
          file
              + " is not a .torrent file: "
              + (size > most
                  ? ProgressLine.bytes(size)
                      + ", more than a torrent may be ("
                      + ProgressLine.bytes(most)
                      + ")"
                  : e.getMessage()),
          e);
    }
  }

  /** Whether {@code file} reads as a torrent (a small file that parses). */
  static boolean isTorrent(Path file) {
    try {
      return Files.isRegularFile(file)
          && Files.size(file) <= ParseLimits.defaults().maxTorrentBytes()
          && TorrentInfo.tryParse(Files.readAllBytes(file)).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private static Path path(String text) {
    if (text.indexOf('\0') >= 0) {
      return null;
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** A name with a folder or an extension, as an info hash never has. */
  private static boolean looksLikeAFile(String text) {
    return text.contains("/") || text.contains("\\") || text.matches(".*\\.[A-Za-z0-9]{1,8}");
  }
}
