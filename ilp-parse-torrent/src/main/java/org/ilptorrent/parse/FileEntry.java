package org.ilptorrent.parse;

import java.util.List;

/**
 * One file of a torrent, as parse-torrent describes it.
 *
 * @param path the path inside the download folder, components joined by {@code /}, starting with
 *     the torrent's name (for a single-file torrent, the name alone)
 * @param components the same path as sanitised components
 * @param name the last component
 * @param length the size in bytes
 * @param offset where the file starts in the torrent's concatenated content
 * @param padding whether the file is a BEP 47 pad file ({@code attr} contains {@code p})
 */
public record FileEntry(
    String path, List<String> components, String name, long length, long offset, boolean padding) {
  /** Copies the components. */
  public FileEntry {
    components = List.copyOf(components);
  }

  /** A file that is not padding. */
  public FileEntry(String path, List<String> components, String name, long length, long offset) {
    this(path, components, name, length, offset, false);
  }
}
