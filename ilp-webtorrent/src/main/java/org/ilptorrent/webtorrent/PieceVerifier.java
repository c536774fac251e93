package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.ilptorrent.parse.TorrentInfo;

/**
 * Checks which pieces a store already holds, so that a restarted download fetches only the rest.
 * Each piece is read and hashed against the torrent's SHA-1; pieces the store reports it cannot
 * contain are skipped without reading. Pieces are spread over several threads, each with its own
 * buffer and digest: SHA-1 runs near 2 GB/s per core here, so the disk is usually the limit.
 */
public final class PieceVerifier {
  private PieceVerifier() {}

  /** {@link #verify(TorrentInfo, PieceStore, int)} on as many threads as there are processors. */
  public static BitSet verify(TorrentInfo torrent, PieceStore store)
      throws IOException, InterruptedException {
    return verify(torrent, store, Runtime.getRuntime().availableProcessors());
  }

  /**
   * The pieces of {@code torrent} whose data in {@code store} matches their hash.
   *
   * @param parallelism threads to hash on; the caller's thread only waits, so that interrupting it
   *     never interrupts store I/O
   * @throws IOException when the store fails (the first failure; the other threads stop)
   * @throws InterruptedException when the caller is interrupted; the threads are stopped first
   * @throws IllegalArgumentException when the store is not shaped like the torrent
   */
  public static BitSet verify(TorrentInfo torrent, PieceStore store, int parallelism)
      throws IOException, InterruptedException {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    int count = torrent.pieceCount();
    if (store.pieceCount() != count
        || (count > 1 && store.pieceLength(0) != torrent.pieceLength())
        || store.pieceLength(count - 1) != torrent.lastPieceLength()) {
      throw new IllegalArgumentException("the store is not shaped like the torrent");
    }
    // Thread.join() on a thread that has already ended does not look at the interrupt status.
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before verifying");
    }
    AtomicInteger next = new AtomicInteger();
    int threads = Math.min(parallelism, torrent.pieceCount());
    List<Worker> workers = new ArrayList<>();
    List<Thread> running = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < threads; i++) {
      Worker w = new Worker(torrent, store, next);
      workers.add(w);
      Thread t =
          new Thread(
              () -> {
                try {
                  w.call();
                } catch (IOException | RuntimeException | Error e) {
                  failure.compareAndSet(null, e);
                  next.set(Integer.MAX_VALUE);
                }
              },
              "ilp-webtorrent-verify-" + (i + 1));
      t.setDaemon(true);
      running.add(t);
      t.start();
    }
    try {
      for (Thread t : running) {
        t.join();
      }
    } catch (InterruptedException e) {
      // Interrupting a thread inside FileChannel I/O would close the store's channel for
      // everyone: stop the workers between pieces instead, and wait for them.
      next.set(Integer.MAX_VALUE);
      for (Thread t : running) {
        t.join();
      }
      throw e;
    }
    Throwable f = failure.get();
    if (f instanceof IOException io) {
      throw io;
    } else if (f instanceof RuntimeException re) {
      throw re;
    } else if (f instanceof Error err) {
      throw err;
    }
    BitSet valid = new BitSet(torrent.pieceCount());
    workers.forEach(w -> valid.or(w.valid));
    return valid;
  }

  /** Hashes pieces taken from a shared counter. */
  private static final class Worker {
    private final TorrentInfo torrent;
    private final PieceStore store;
    private final AtomicInteger next;
    final BitSet valid = new BitSet();

    Worker(TorrentInfo torrent, PieceStore store, AtomicInteger next) {
      this.torrent = torrent;
      this.store = store;
      this.next = next;
    }

    BitSet call() throws IOException {
      MessageDigest sha1 = sha1();
      ByteBuffer buffer = ByteBuffer.allocate(torrent.pieceLength());
      int count = torrent.pieceCount();
      for (int piece = next.getAndIncrement();
          piece >= 0 && piece < count;
          piece = next.getAndIncrement()) {
        if (!store.mayContain(piece)) {
          continue;
        }
        buffer.clear().limit(store.pieceLength(piece));
        store.read(piece, 0, buffer);
        buffer.flip();
        sha1.update(buffer);
        if (Arrays.equals(sha1.digest(), torrent.pieceHash(piece))) {
          valid.set(piece);
        }
      }
      return valid;
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
