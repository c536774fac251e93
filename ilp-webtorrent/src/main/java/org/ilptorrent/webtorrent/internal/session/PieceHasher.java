package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ilptorrent.webtorrent.PieceStore;

/**
 * Checks completed pieces against their SHA-1 on a small pool, off the network thread: a piece is
 * read back from its store in 256 KiB chunks into a buffer each worker keeps, so hashing allocates
 * nothing per piece.
 */
public final class PieceHasher implements AutoCloseable {
  private static final int CHUNK = 256 * 1024;

  private final ExecutorService pool;
  private final ThreadLocal<Worker> workers = ThreadLocal.withInitial(Worker::new);

  /** A pool of {@code threads} daemon threads named {@code prefix-N}. */
  public PieceHasher(int threads, String prefix) {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Whether {@code piece} in {@code store} hashes to {@code expected}, computed on the pool. */
  public CompletableFuture<Boolean> verify(PieceStore store, int piece, byte[] expected) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    try {
      pool.execute(
          () -> {
            try {
              result.complete(workers.get().check(store, piece, expected));
            } catch (IOException | RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IOException("client closed", e));
    }
    return result;
  }

  /** Runs a blocking job (opening and checking storage) on the pool. */
  public void run(Runnable job) {
    pool.execute(job);
  }

  @Override
  public void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static final class Worker {
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
    private final MessageDigest sha1;

    Worker() {
      try {
        sha1 = MessageDigest.getInstance("SHA-1");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-1", e);
      }
    }

    boolean check(PieceStore store, int piece, byte[] expected) throws IOException {
      int length = store.pieceLength(piece);
      sha1.reset();
      for (int at = 0; at < length; at += CHUNK) {
        buffer.clear().limit(Math.min(CHUNK, length - at));
        store.read(piece, at, buffer);
        buffer.flip();
        sha1.update(buffer);
      }
      return Arrays.equals(sha1.digest(), expected);
    }
  }
}
