package org.ilptorrent.webtorrent;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.parse.Torrent;
import org.ilptorrent.parse.TorrentFile;
import org.ilptorrent.webtorrent.internal.store.PieceGeometry;
import org.ilptorrent.webtorrent.internal.store.SafePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PieceStore} over a torrent's files in a download folder, laid out as BEP 3 says: the
 * files concatenated in torrent order and cut into pieces, so a piece may span several files.
 *
 * <p>Every path is checked when the store is opened (no {@code ..}, absolute, empty or NUL
 * components), directories are checked again when they are created, and files are opened without
 * following symbolic links, so nothing is written outside the folder. Files are created on the
 * first write that touches them (empty files on the store's first write); missing files and bytes
 * past a file's end read as zeros. I/O is positional on one {@link FileChannel} per file, opened on
 * first use and kept until {@link #close()}. A thread interrupted during I/O closes its channel (a
 * {@link FileChannel} rule; that call fails with {@code ClosedByInterruptException}); the store
 * reopens it on the next call, so other threads are not left with a dead file.
 */
public final class FilePieceStore implements PieceStore {
  private static final Logger LOG = LoggerFactory.getLogger(FilePieceStore.class);

  private final PieceGeometry geometry;
  private final Path root;

  /** Non-empty files only, sorted by start: what pieces map onto. */
  private final long[] starts;

  private final FileHandle[] files;
  private final int maxOpenFiles;

  /** Handles with an open channel, least recently used first; guarded by itself. */
  private final LinkedHashMap<FileHandle, Boolean> openFiles = new LinkedHashMap<>(16, 0.75f, true);

  private final List<Path> emptyFiles;
  private volatile boolean emptyFilesCreated;
  private volatile boolean closed;

  /** Open files kept by default: libtorrent's pool holds 40, and 64 is far below usual limits. */
  public static final int DEFAULT_MAX_OPEN_FILES = 64;

  private FilePieceStore(Path root, List<TorrentFile> layout, int pieceLength, int maxOpenFiles) {
    if (maxOpenFiles < 1) {
      throw new IllegalArgumentException("maxOpenFiles must be at least 1: " + maxOpenFiles);
    }
    this.maxOpenFiles = maxOpenFiles;
    long total = 0;
    List<FileHandle> handles = new ArrayList<>();
    List<Path> empty = new ArrayList<>();
    this.root = root.toAbsolutePath().normalize();
    for (TorrentFile f : layout) {
      Path path = SafePaths.resolve(this.root, f.components());
      if (f.length() < 0) {
        throw new InvalidTorrentException("info.files.length", -1, "negative file length");
      }
      if (f.length() == 0) {
        empty.add(path);
      } else {
        handles.add(new FileHandle(path, total, f.length()));
      }
      total += f.length();
    }
    this.geometry = new PieceGeometry(total, pieceLength);
    this.files = handles.toArray(new FileHandle[0]);
    this.starts = new long[files.length];
    for (int i = 0; i < files.length; i++) {
      starts[i] = files[i].start;
    }
    this.emptyFiles = List.copyOf(empty);
  }

  /**
   * A store for {@code torrent}'s files under {@code folder}. Nothing is created yet.
   *
   * @throws InvalidTorrentException when a file path is unsafe
   */
  public static FilePieceStore open(Path folder, Torrent torrent) {
    return open(folder, torrent.files(), torrent.pieceLength());
  }

  /**
   * A store for these files, in this order, under {@code folder}.
   *
   * @throws InvalidTorrentException when a file path is unsafe or a length negative
   * @throws IllegalArgumentException when the files hold no bytes
   */
  public static FilePieceStore open(Path folder, List<TorrentFile> files, int pieceLength) {
    return open(folder, files, pieceLength, DEFAULT_MAX_OPEN_FILES);
  }

  /**
   * A store for these files under {@code folder} keeping at most {@code maxOpenFiles} open.
   *
   * @throws InvalidTorrentException when a file path is unsafe or a length negative
   * @throws IllegalArgumentException when the files hold no bytes or {@code maxOpenFiles < 1}
   */
  public static FilePieceStore open(
      Path folder, List<TorrentFile> files, int pieceLength, int maxOpenFiles) {
    Objects.requireNonNull(folder, "folder");
    return new FilePieceStore(folder, List.copyOf(files), pieceLength, maxOpenFiles);
  }

  /** How many files have an open channel now (at most {@code maxOpenFiles}). */
  int openFileCount() {
    synchronized (openFiles) {
      return openFiles.size();
    }
  }

  /** Marks {@code f} as just used, and closes the least recently used files over the limit. */
  private void used(FileHandle f) {
    List<FileHandle> victims = null;
    synchronized (openFiles) {
      openFiles.put(f, Boolean.TRUE);
      Iterator<FileHandle> it = openFiles.keySet().iterator();
      while (openFiles.size() > maxOpenFiles && it.hasNext()) {
        FileHandle eldest = it.next();
        if (eldest != f) {
          it.remove();
          if (victims == null) {
            victims = new ArrayList<>(1);
          }
          victims.add(eldest);
        }
      }
    }
    // Outside the pool's lock: a handle's own lock is never taken while holding the pool's.
    if (victims != null) {
      for (FileHandle v : victims) {
        v.evict();
      }
    }
  }

  /** The download folder. */
  public Path folder() {
    return root;
  }

  @Override
  public int pieceCount() {
    return geometry.pieceCount();
  }

  @Override
  public int pieceLength(int piece) {
    return geometry.pieceLength(piece);
  }

  @Override
  public void read(int piece, int offset, ByteBuffer dst) throws IOException {
    geometry.checkRange(piece, offset, dst.remaining());
    checkOpen();
    long pos = geometry.pieceStart(piece) + offset;
    int limit = dst.limit();
    try {
      for (int i = fileAt(pos); dst.position() < limit; i++) {
        FileHandle f = files[i];
        long inFile = pos - f.start;
        int n = (int) Math.min(limit - dst.position(), f.length - inFile);
        dst.limit(dst.position() + n);
        f.read(dst, inFile);
        pos += n;
      }
    } finally {
      dst.limit(limit);
    }
  }

  @Override
  public void write(int piece, int offset, ByteBuffer src) throws IOException {
    geometry.checkRange(piece, offset, src.remaining());
    checkOpen();
    if (!emptyFilesCreated) {
      createEmptyFiles();
    }
    long pos = geometry.pieceStart(piece) + offset;
    int limit = src.limit();
    try {
      for (int i = fileAt(pos); src.position() < limit; i++) {
        FileHandle f = files[i];
        long inFile = pos - f.start;
        int n = (int) Math.min(limit - src.position(), f.length - inFile);
        src.limit(src.position() + n);
        f.write(src, inFile);
        pos += n;
      }
    } finally {
      src.limit(limit);
    }
  }

  @Override
  public boolean mayContain(int piece) throws IOException {
    int length = geometry.pieceLength(piece);
    checkOpen();
    long pos = geometry.pieceStart(piece);
    long end = pos + length;
    for (int i = fileAt(pos); i < files.length && files[i].start < end; i++) {
      FileHandle f = files[i];
      long needed = Math.min(f.length, end - f.start);
      if (f.sizeOnDisk() < needed) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
    for (FileHandle f : files) {
      f.force();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (openFiles) {
      openFiles.clear();
    }
    IOException first = null;
    for (FileHandle f : files) {
      try {
        f.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The index of the non-empty file holding torrent byte {@code pos}. */
  private int fileAt(long pos) {
    int i = Arrays.binarySearch(starts, pos);
    return i >= 0 ? i : -i - 2;
  }

  private synchronized void createEmptyFiles() throws IOException {
    if (emptyFilesCreated) {
      return;
    }
    for (Path p : emptyFiles) {
      createParent(p);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createFile(p);
      }
    }
    emptyFilesCreated = true;
  }

  /** Creates the parent folders of {@code file} and checks that they resolve inside the root. */
  private void createParent(Path file) throws IOException {
    Path parent = file.getParent();
    Files.createDirectories(parent);
    Path realRoot = root.toRealPath();
    if (!parent.toRealPath().startsWith(realRoot)) {
      throw new IOException("refusing to write through a link out of the download folder: " + file);
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("piece store is closed");
    }
  }

  /** One file: its place in the torrent and its channel, opened on first use. */
  private final class FileHandle {
    final Path path;
    final long start;
    final long length;
    private volatile FileChannel reader;
    private volatile FileChannel writer;
    private volatile boolean shut;
    private volatile boolean dirty;

    FileHandle(Path path, long start, long length) {
      this.path = path;
      this.start = start;
      this.length = length;
    }

    void read(ByteBuffer dst, long at) throws IOException {
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

    void write(ByteBuffer src, long at) throws IOException {
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
      if (e instanceof ClosedByInterruptException || shut || closed) {
        throw e;
      }
    }

    long sizeOnDisk() throws IOException {
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
        used(this);
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
      used(this);
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
          createParent(path);
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
    void force() throws IOException {
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

    synchronized void close() throws IOException {
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
}
