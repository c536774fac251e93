package org.ilptorrent.parse;

import java.util.List;
import java.util.Objects;

/**
 * One file of a torrent, as parse-torrent describes it.
 *
 * @param path the path inside the download folder, components joined by {@code /}, starting with
 *     the torrent's name (for a single-file torrent, the name alone)
 * @param components the same path as sanitised components
 * @param name the last component
 * @param length the size in bytes
 * @param offset where the file starts in the torrent's concatenated content
 * @param attr the file's BEP 47 attributes ({@code attr}: {@code p} padding, {@code x} executable,
 *     {@code h} hidden, {@code l} symbolic link), {@code ""} when it has none
 */
public record FileEntry(
    String path, List<String> components, String name, long length, long offset, String attr) {
  /** Copies the components. */
  public FileEntry {
    components = List.copyOf(components);
    attr = Objects.requireNonNull(attr, "attr");
  }

  /** A file without attributes. */
  public FileEntry(String path, List<String> components, String name, long length, long offset) {
    this(path, components, name, length, offset, "");
  }

  /**
   * Whether this is a BEP 47 pad file ({@code attr} contains {@code p}): zeros that align the next
   * file to a piece boundary, as hybrid v1+v2 torrents have them. A client never writes a pad file
   * to disk; its bytes in a piece must be zeros.
   */
  public boolean padding() {
    return attr.indexOf('p') >= 0;
  }
}
