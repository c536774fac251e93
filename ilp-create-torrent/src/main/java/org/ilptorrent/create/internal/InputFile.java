package org.ilptorrent.create.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * One file of the torrent to be: its path inside the torrent, its length, and where its bytes come
 * from (a file, or a stream opened once).
 *
 * @param components the path inside the torrent, below the torrent's name
 * @param length the number of bytes
 * @param file the file to read, or {@code null} for a stream
 * @param stream opens the stream, or {@code null} for a file
 */
public record InputFile(List<String> components, long length, Path file, StreamOpener stream) {
  /** Opens an input stream; called once per creation. */
  @FunctionalInterface
  public interface StreamOpener {
    /** Opens the stream. */
    InputStream open() throws IOException;
  }

  /** Copies the components. */
  public InputFile {
    components = List.copyOf(components);
  }

  /** Whether the bytes come from a file, which can be read at any offset. */
  public boolean isFile() {
    return file != null;
  }
}
