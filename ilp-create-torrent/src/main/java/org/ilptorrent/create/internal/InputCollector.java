package org.ilptorrent.create.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.ilptorrent.create.InvalidTorrentInputException;

/**
 * Turns paths into the files of a torrent the way npm create-torrent 6 does: one path to a file
 * makes a single-file torrent; one folder makes a torrent named after it with paths relative to it;
 * several paths keep each path's own name as the first component. Folders are walked with entries
 * in byte order of their names, leaving out hidden and junk names; symbolic links are followed, but
 * a folder is never entered twice.
 */
public final class InputCollector {
  private final boolean filterJunk;
  private final List<InputFile> files = new ArrayList<>();
  private final Set<Path> enteredFolders = new HashSet<>();

  private InputCollector(boolean filterJunk) {
    this.filterJunk = filterJunk;
  }

  /** What {@link #collect} found: the files, and whether they make a single-file torrent. */
  public record Collected(List<InputFile> files, boolean singleFile, String defaultName) {}

  /**
   * Collects the files under {@code paths}.
   *
   * @throws InvalidTorrentInputException for a path that does not exist or names nothing to add
   * @throws IOException when a folder cannot be read
   */
  public static Collected collect(List<Path> paths, boolean filterJunk) throws IOException {
    InputCollector c = new InputCollector(filterJunk);
    if (paths.size() == 1 && Files.isRegularFile(paths.get(0))) {
      Path file = paths.get(0);
      String name = fileName(file);
      c.files.add(new InputFile(List.of(name), Files.size(file), file, null));
      return new Collected(List.copyOf(c.files), true, name);
    }
    boolean keepRoot = paths.size() > 1;
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new InvalidTorrentInputException("no such file or folder: " + path);
      }
      List<String> prefix = keepRoot ? List.of(fileName(path)) : List.of();
      if (Files.isRegularFile(path)) {
        c.files.add(new InputFile(prefix, Files.size(path), path, null));
      } else if (Files.isDirectory(path)) {
        c.walk(path, prefix);
      }
    }
    return new Collected(List.copyOf(c.files), false, fileName(paths.get(0)));
  }

  private void walk(Path folder, List<String> prefix) throws IOException {
    if (!enteredFolders.add(folder.toRealPath())) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(folder)) {
      entries = new ArrayList<>(list.toList());
    } catch (NoSuchFileException e) {
      throw new InvalidTorrentInputException("no such folder: " + folder);
    }
    entries.sort((a, b) -> Arrays.compareUnsigned(nameBytes(a), nameBytes(b)));
    for (Path entry : entries) {
      String name = fileName(entry);
      if (filterJunk && Junk.isLeftOut(name)) {
        continue;
      }
      List<String> components = new ArrayList<>(prefix);
      components.add(name);
      if (Files.isDirectory(entry)) {
        walk(entry, components);
      } else if (Files.isRegularFile(entry)) {
        files.add(new InputFile(components, Files.size(entry), entry, null));
      }
      // Sockets, devices and broken links are skipped, as create-torrent skips them.
    }
  }

  private static byte[] nameBytes(Path p) {
    return fileName(p).getBytes(StandardCharsets.UTF_8);
  }

  private static String fileName(Path p) {
    Path name = p.toAbsolutePath().normalize().getFileName();
    if (name == null) {
      throw new InvalidTorrentInputException("a torrent cannot be made of the root folder");
    }
    return name.toString();
  }
}
