package org.ilptorrent.webtorrent.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of a file store: its place in the torrent and its channels, opened on first use
 * (read-only until the first write) without following links. A channel closed under a caller, by
 * the {@link OpenFilePool} or another thread's interrupt, is reopened and the positional I/O
 * retried; the caller's own interrupt is passed on. Thread-safe.
 */
public final class StoredFile {
  private static final Logger LOG = LoggerFactory.getLogger(StoredFile.class);

  private final Path root;
  private final Path path;
  private final long start;
  private final long length;
  private final OpenFilePool pool;
  private volatile FileChannel reader;
  private volatile FileChannel writer;
  private volatile boolean shut;
  private volatile boolean dirty;

  /**
   * A file at {@code path} (already checked to lie inside {@code root}) holding torrent bytes
   * {@code start..start+length}.
   */
  public StoredFile(Path root, Path path, long start, long length, OpenFilePool pool) {
    this.root = root;
    this.path = path;
    this.start = start;
    this.length = length;
    this.pool = pool;
  }

  /** Where the file starts in the torrent's bytes. */
  public long start() {
    return start;
  }

  /** The file's length in the torrent. */
  public long length() {
    return length;
  }

  /** Fills {@code dst} from file offset {@code at}; bytes past the end or of no file are zeros. */
  public void read(ByteBuffer dst, long at) throws IOException {
    long pos = at;
    while (dst.hasRemaining()) {
      FileChannel ch = forRead();
      int n;
      try {
        n = ch == null ? -1 : ch.read(dst, pos);
      } catch (ClosedChannelException e) {
        retryUnlessInterrupted(e);
        continue;
      }
      if (n < 0) {
        while (dst.hasRemaining()) {
          dst.put((byte) 0);
        }
        return;
      }
      pos += n;
    }
  }

  /** Writes all of {@code src} at file offset {@code at}, creating the file when needed. */
  public void write(ByteBuffer src, long at) throws IOException {
    long pos = at;
    while (src.hasRemaining()) {
      try {
        pos += forWrite().write(src, pos);
      } catch (ClosedChannelException e) {
        retryUnlessInterrupted(e);
      }
    }
    dirty = true;
  }

  /**
   * The channel was closed under us, by the open-file limit or another thread's interrupt: reopen
   * and go on, unless it was our own interrupt or the store is closing.
   */
  private void retryUnlessInterrupted(ClosedChannelException e) throws IOException {
    if (e instanceof ClosedByInterruptException || shut) {
      throw e;
    }
  }

  /** The file's size on disk, or -1 when it is missing or not a regular file. */
  public long sizeOnDisk() throws IOException {
    FileChannel w = writer;
    if (w != null && w.isOpen()) {
      try {
        return w.size();
      } catch (ClosedChannelException e) {
        // closed by the open-file limit meanwhile: ask the file system
      }
    }
    try {
      BasicFileAttributes a =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() ? a.size() : -1;
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  /** A channel to read from, or null when the file does not exist. */
  private FileChannel forRead() throws IOException {
    FileChannel ch = openForRead();
    if (ch != null) {
      pool.used(this);
    }
    return ch;
  }

  private FileChannel openForRead() throws IOException {
    FileChannel w = writer;
    if (w != null && w.isOpen()) {
      return w;
    }
    FileChannel r = reader;
    if (r != null && r.isOpen()) {
      return r;
    }
    synchronized (this) {
      checkNotShut();
      if (writer != null && writer.isOpen()) {
        return writer;
      }
      if (reader == null || !reader.isOpen()) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          return null;
        }
        reader = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      }
      return reader;
    }
  }

  private FileChannel forWrite() throws IOException {
    FileChannel ch = openForWrite();
    pool.used(this);
    return ch;
  }

  private FileChannel openForWrite() throws IOException {
    FileChannel w = writer;
    if (w != null && w.isOpen()) {
      return w;
    }
    synchronized (this) {
      checkNotShut();
      if (writer == null || !writer.isOpen()) {
        SafePaths.createParentInside(root, path);
        writer =
            FileChannel.open(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
      }
      return writer;
    }
  }

  /** Forces written data to the device, reopening the file if the limit closed it since. */
  public void force() throws IOException {
    while (dirty) {
      dirty = false;
      try {
        forWrite().force(false);
      } catch (ClosedChannelException e) {
        dirty = true;
        retryUnlessInterrupted(e);
      }
    }
  }

  /** Closes the channels to make room; the next call reopens them. */
  synchronized void evict() {
    try {
      closeChannels();
    } catch (IOException e) {
      LOG.debug("closing {} to stay under the open-file limit failed", path, e);
    }
  }

  /** Closes the channels for good; later calls fail. */
  public synchronized void close() throws IOException {
    shut = true;
    closeChannels();
  }

  private void closeChannels() throws IOException {
    FileChannel r = reader;
    FileChannel w = writer;
    reader = null;
    writer = null;
    try {
      if (r != null) {
        r.close();
      }
    } finally {
      if (w != null) {
        w.close();
      }
    }
  }

  private void checkNotShut() throws IOException {
    if (shut) {
      throw new IOException("piece store is closed");
    }
  }
}
