package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.store.OpenFilePool;
import org.ilptorrent.webtorrent.internal.store.PieceGeometry;
import org.ilptorrent.webtorrent.internal.store.SafePaths;
import org.ilptorrent.webtorrent.internal.store.StoredFile;

/**
 * A {@link PieceStore} over a torrent's files in a download folder, laid out as BEP 3 says: the
 * files concatenated in torrent order and cut into pieces, so a piece may span several files.
 *
 * <p>Every path is checked when the store is opened (no {@code ..}, absolute, empty or NUL
 * components), folders are checked again when they are created, and files are opened without
 * following symbolic links, so nothing is written outside the folder. Files are created on the
 * first write that touches them (empty files on the store's first write); missing files and bytes
 * past a file's end read as zeros.
 *
 * <p>BEP 47 pad files ({@link FileEntry#padding()}) are never created: their bytes read as zeros
 * and writes to them are dropped, so a folder being seeded needs no {@code .pad} files and a
 * download leaves none. (Checking that a peer sent zeros there is the client's job: it sees the
 * bytes before they reach the store.)
 *
 * <p>I/O is positional on one {@link java.nio.channels.FileChannel} per file, opened on first use.
 * At most {@code maxOpenFiles} stay open (the least recently used are closed and reopened on
 * demand), so a torrent of thousands of files does not exhaust file descriptors. A thread
 * interrupted during I/O closes its channel (a {@code FileChannel} rule; that call fails with
 * {@code ClosedByInterruptException}); the store reopens it on the next call, so other threads are
 * not left with a dead file.
 */
public final class FilePieceStore implements PieceStore {
  private final PieceGeometry geometry;
  private final Path root;

  /** Non-empty files only, pad files included, sorted by start: what pieces map onto. */
  private final long[] starts;

  private final long[] lengths;

  /** The file at each index of {@link #starts}, or null for padding (zeros, never on disk). */
  private final StoredFile[] files;

  private final OpenFilePool pool;

  private final List<Path> emptyFiles;
  private volatile boolean emptyFilesCreated;
  private volatile boolean closed;

  /** Open files kept by default: libtorrent's pool holds 40, and 64 is far below usual limits. */
  public static final int DEFAULT_MAX_OPEN_FILES = 64;

  private FilePieceStore(Path root, List<FileEntry> layout, int pieceLength, int maxOpenFiles) {
    this.pool = new OpenFilePool(maxOpenFiles);
    long total = 0;
    List<StoredFile> handles = new ArrayList<>();
    List<long[]> spans = new ArrayList<>();
    List<Path> empty = new ArrayList<>();
    this.root = root.toAbsolutePath().normalize();
    java.util.Set<Path> paths = new java.util.HashSet<>();
    for (FileEntry f : layout) {
      if (f.padding()) {
        // Never on disk, so its path (libtorrent reuses .pad/<size>) cannot clash with anything.
        if (f.length() < 0) {
          throw new InvalidTorrentException("info.files.length", -1, "negative file length");
        }
        if (f.length() > 0) {
          handles.add(null);
          spans.add(new long[] {total, f.length()});
        }
        total += f.length();
        continue;
      }
      Path path = SafePaths.resolve(this.root, f.components());
      if (!paths.add(path)) {
        throw new InvalidTorrentException("info.files.path", -1, "two files at " + f.path());
      }
      if (f.length() < 0) {
        throw new InvalidTorrentException("info.files.length", -1, "negative file length");
      }
      if (f.length() == 0) {
        empty.add(path);
      } else {
        handles.add(new StoredFile(this.root, path, total, f.length(), pool));
        spans.add(new long[] {total, f.length()});
      }
      total += f.length();
    }
    for (Path p : paths) {
      for (Path parent = p.getParent(); !parent.equals(this.root); parent = parent.getParent()) {
        if (paths.contains(parent)) {
          throw new InvalidTorrentException(
              "info.files.path",
              -1,
              "a file is also the folder of another: " + this.root.relativize(parent));
        }
      }
    }
    this.geometry = new PieceGeometry(total, pieceLength);
    this.files = handles.toArray(new StoredFile[0]);
    this.starts = new long[files.length];
    this.lengths = new long[files.length];
    for (int i = 0; i < files.length; i++) {
      starts[i] = spans.get(i)[0];
      lengths[i] = spans.get(i)[1];
    }
    this.emptyFiles = List.copyOf(empty);
  }

  /**
   * A store for {@code torrent}'s files under {@code folder}. Nothing is created yet.
   *
   * @throws InvalidTorrentException when a file path is unsafe
   */
  public static FilePieceStore open(Path folder, TorrentInfo torrent) {
    return open(folder, torrent.files(), torrent.pieceLength());
  }

  /**
   * A store for these files, in this order, under {@code folder}.
   *
   * @throws InvalidTorrentException when a file path is unsafe or a length negative
   * @throws IllegalArgumentException when the files hold no bytes
   */
  public static FilePieceStore open(Path folder, List<FileEntry> files, int pieceLength) {
    return open(folder, files, pieceLength, DEFAULT_MAX_OPEN_FILES);
  }

  /**
   * A store for these files under {@code folder} keeping at most {@code maxOpenFiles} open.
   *
   * @throws InvalidTorrentException when a file path is unsafe or a length negative
   * @throws IllegalArgumentException when the files hold no bytes or {@code maxOpenFiles < 1}
   */
  public static FilePieceStore open(
      Path folder, List<FileEntry> files, int pieceLength, int maxOpenFiles) {
    Objects.requireNonNull(folder, "folder");
    return new FilePieceStore(folder, List.copyOf(files), pieceLength, maxOpenFiles);
  }

  /** How many files have an open channel now (at most {@code maxOpenFiles}). */
  int openFileCount() {
    return pool.size();
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
        long inFile = pos - starts[i];
        int n = (int) Math.min(limit - dst.position(), lengths[i] - inFile);
        dst.limit(dst.position() + n);
        if (files[i] == null) {
          while (dst.hasRemaining()) {
            dst.put((byte) 0);
          }
        } else {
          files[i].read(dst, inFile);
        }
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
        long inFile = pos - starts[i];
        int n = (int) Math.min(limit - src.position(), lengths[i] - inFile);
        src.limit(src.position() + n);
        if (files[i] == null) {
          src.position(src.limit());
        } else {
          files[i].write(src, inFile);
        }
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
    for (int i = fileAt(pos); i < files.length && starts[i] < end; i++) {
      StoredFile f = files[i];
      if (f == null) {
        continue;
      }
      long needed = Math.min(f.length(), end - f.start());
      if (f.sizeOnDisk() < needed) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
    for (StoredFile f : files) {
      if (f != null) {
        f.force();
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    pool.clear();
    IOException first = null;
    for (StoredFile f : files) {
      if (f == null) {
        continue;
      }
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

  /** The index of the non-empty file (or padding) holding torrent byte {@code pos}. */
  private int fileAt(long pos) {
    int i = Arrays.binarySearch(starts, pos);
    return i >= 0 ? i : -i - 2;
  }

  private synchronized void createEmptyFiles() throws IOException {
    if (emptyFilesCreated) {
      return;
    }
    for (Path p : emptyFiles) {
      SafePaths.createParentInside(root, p);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createFile(p);
      }
    }
    emptyFilesCreated = true;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("piece store is closed");
    }
  }
}
