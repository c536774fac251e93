package org.ilptorrent.create.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ilptorrent.create.HashProgressListener;
import org.ilptorrent.create.InvalidTorrentInputException;

/**
 * Computes the SHA-1 of every piece of a torrent's concatenated files, on several threads.
 *
 * <p>When every input is a file, each worker claims the next piece, reads it with positional reads
 * (pieces may span files) into its own buffer and hashes it: no coordinator, one piece of memory
 * per worker. Streams can only be read in order, so with a stream among the inputs one reader fills
 * buffers from a small pool and the workers hash them: at most two pieces per worker in memory.
 * Either way the work stops at the next piece once the calling thread is interrupted.
 */
public final class PieceHasher {
  private static final int HASH_LENGTH = 20;

  /**
   * Bytes read per call when hashing files: large enough to amortise the call, small enough to stay
   * in a core's L2 cache.
   */
  private static final int CHUNK = 256 * 1024;

  private final List<InputFile> files;
  private final int pieceLength;
  private final long totalLength;
  private final int pieceCount;
  private final long[] fileStarts;
  private final ExecutorService executor;
  private final int parallelism;
  private final HashProgressListener progress;
  private final AtomicLong hashed = new AtomicLong();

  /**
   * Prepares hashing.
   *
   * @param executor runs the workers; it must be able to run {@code parallelism} tasks at once
   */
  public PieceHasher(
      List<InputFile> files,
      int pieceLength,
      ExecutorService executor,
      int parallelism,
      HashProgressListener progress) {
    this.files = files;
    this.pieceLength = pieceLength;
    this.executor = executor;
    this.parallelism = parallelism;
    this.progress = progress;
    this.fileStarts = new long[files.size()];
    long offset = 0;
    for (int i = 0; i < files.size(); i++) {
      fileStarts[i] = offset;
      offset += files.get(i).length();
    }
    this.totalLength = offset;
    this.pieceCount = (int) ((totalLength + pieceLength - 1) / pieceLength);
  }

  /** The piece hashes, 20 bytes each, in order. */
  public byte[] hash() throws IOException, InterruptedException {
    byte[] pieces = new byte[pieceCount * HASH_LENGTH];
    if (pieceCount == 0) {
      return pieces;
    }
    if (files.stream().allMatch(InputFile::isFile)) {
      hashFiles(pieces);
    } else {
      hashInOrder(pieces);
    }
    return pieces;
  }

  private void hashFiles(byte[] pieces) throws IOException, InterruptedException {
    List<FileChannel> channels = new ArrayList<>();
    try {
      for (InputFile f : files) {
        channels.add(FileChannel.open(f.file(), StandardOpenOption.READ));
      }
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < Math.min(parallelism, pieceCount); w++) {
        workers.add(
            executor.submit(
                () -> {
                  ByteBuffer buffer = ByteBuffer.allocate(Math.min(pieceLength, CHUNK));
                  MessageDigest sha1 = sha1();
                  for (int i = next.getAndIncrement(); i < pieceCount; i = next.getAndIncrement()) {
                    if (Thread.currentThread().isInterrupted()) {
                      throw new InterruptedIOException("hashing was cancelled");
                    }
                    int length = hashPiece(channels, i, buffer, sha1);
                    store(pieces, i, sha1, length);
                  }
                  return null;
                }));
      }
      await(workers);
    } finally {
      for (FileChannel c : channels) {
        c.close();
      }
    }
  }

  /**
   * Feeds piece {@code index} to {@code sha1}, from the files it spans, a chunk at a time: the
   * chunk buffer stays in the core's cache, so each byte crosses memory once.
   *
   * @return the piece's length
   */
  private int hashPiece(
      List<FileChannel> channels, int index, ByteBuffer buffer, MessageDigest sha1)
      throws IOException {
    long start = (long) index * pieceLength;
    long end = Math.min(start + pieceLength, totalLength);
    int f = fileAt(start);
    long position = start;
    while (position < end) {
      while (fileStarts[f] + files.get(f).length() <= position) {
        f++;
      }
      long inFile = position - fileStarts[f];
      buffer.clear();
      buffer.limit(
          (int)
              Math.min(
                  buffer.capacity(), Math.min(end - position, files.get(f).length() - inFile)));
      int n = channels.get(f).read(buffer, inFile);
      if (n < 0) {
        throw new IOException(files.get(f).file() + " became shorter while it was hashed");
      }
      sha1.update(buffer.array(), 0, n);
      position += n;
    }
    return (int) (end - start);
  }

  /** The index of the last file starting at or before {@code offset}. */
  private int fileAt(long offset) {
    int lo = 0;
    int hi = fileStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (fileStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private void hashInOrder(byte[] pieces) throws IOException, InterruptedException {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(2 * parallelism);
    for (int i = 0; i < 2 * parallelism; i++) {
      free.add(new byte[pieceLength]);
    }
    List<Future<?>> tasks = new ArrayList<>();
    try {
      Sequential reader = new Sequential();
      for (int i = 0; i < pieceCount; i++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("hashing was cancelled");
        }
        byte[] buffer = free.take();
        int length =
            reader.fill(buffer, (int) Math.min(pieceLength, totalLength - (long) i * pieceLength));
        int index = i;
        tasks.add(
            executor.submit(
                () -> {
                  try {
                    MessageDigest sha1 = sha1();
                    sha1.update(buffer, 0, length);
                    store(pieces, index, sha1, length);
                  } finally {
                    free.add(buffer);
                  }
                  return null;
                }));
        awaitDone(tasks);
      }
      reader.finish();
      await(tasks);
    } finally {
      tasks.forEach(t -> t.cancel(true));
    }
  }

  /** Reads the inputs one after another, as one stream of bytes. */
  private final class Sequential {
    private int file = -1;
    private long leftInFile;
    private InputStream in;
    private FileChannel channel;

    int fill(byte[] buffer, int length) throws IOException {
      int filled = 0;
      while (filled < length) {
        while (leftInFile == 0) {
          openNext();
        }
        int want = (int) Math.min(length - filled, leftInFile);
        int n =
            channel != null
                ? channel.read(ByteBuffer.wrap(buffer, filled, want))
                : in.read(buffer, filled, want);
        if (n < 0) {
          throw new InvalidTorrentInputException(
              "input "
                  + String.join("/", files.get(file).components())
                  + " ended "
                  + leftInFile
                  + " bytes before its declared length");
        }
        filled += n;
        leftInFile -= n;
      }
      return filled;
    }

    private void openNext() throws IOException {
      close();
      InputFile f = files.get(++file);
      leftInFile = f.length();
      if (f.isFile()) {
        channel = FileChannel.open(f.file(), StandardOpenOption.READ);
      } else {
        in = f.stream().open();
      }
    }

    void finish() throws IOException {
      close();
    }

    private void close() throws IOException {
      if (channel != null) {
        channel.close();
        channel = null;
      }
      if (in != null) {
        in.close();
        in = null;
      }
    }
  }

  private void store(byte[] pieces, int index, MessageDigest sha1, int length) throws Exception {
    sha1.digest(pieces, index * HASH_LENGTH, HASH_LENGTH);
    long done = hashed.addAndGet(length);
    if (progress != null) {
      progress.onProgress(done, totalLength);
    }
  }

  /** Drops finished tasks, rethrowing the failure of any that failed. */
  private static void awaitDone(List<Future<?>> tasks) throws IOException, InterruptedException {
    List<Future<?>> done = new ArrayList<>();
    for (Future<?> t : tasks) {
      if (t.isDone()) {
        done.add(t);
      }
    }
    await(done);
    tasks.removeAll(done);
  }

  private static void await(List<Future<?>> tasks) throws IOException, InterruptedException {
    try {
      for (Future<?> t : tasks) {
        t.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      tasks.forEach(t -> t.cancel(true));
      throw e;
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
