package org.ilptorrent.webtorrent.internal.store;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.parse.TorrentInfo;

/**
 * Deletes a removed torrent's files from its download folder, and the folders of it left empty.
 * Only paths {@link SafePaths} accepts are touched, and nothing whose real location (symbolic links
 * followed) is outside the download folder.
 */
public final class TorrentFiles {
  private TorrentFiles() {}

  /**
   * Deletes the files of {@code torrent} under {@code folder}; nothing when the metadata is
   * unknown.
   */
  public static void delete(Path folder, Optional<TorrentInfo> torrent) throws IOException {
    if (torrent.isEmpty() || !Files.isDirectory(folder)) {
      return;
    }
    Path root = folder.toRealPath();
    for (FileEntry f : torrent.get().files()) {
      if (f.padding()) {
        continue;
      }
      Path file = SafePaths.resolve(folder, f.components());
      Path parent = file.getParent();
      if (!Files.isDirectory(parent) || !parent.toRealPath().startsWith(root)) {
        continue; // never created, or reached through a link out of the folder
      }
      Files.deleteIfExists(file);
      removeEmptyFolders(parent, folder.toAbsolutePath().normalize());
    }
  }

  private static void removeEmptyFolders(Path from, Path stop) throws IOException {
    for (Path d = from; d != null && d.startsWith(stop) && !d.equals(stop); d = d.getParent()) {
      if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
    }
  }
}
