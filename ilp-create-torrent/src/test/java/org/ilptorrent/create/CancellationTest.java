package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling stops hashing at the next piece and releases the hashing threads. */
class CancellationTest {

  @Test
  void cancellingAsyncCreationStopsHashing(@TempDir Path dir) throws Exception {
    Path sparse = dir.resolve("sparse.bin");
    long size = 64L << 30; // 64 GiB of holes: far more than any test could hash
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(size);
    }
    CountDownLatch started = new CountDownLatch(1);
    AtomicLong hashed = new AtomicLong();

    CompletableFuture<CreatedTorrent> future =
        TorrentCreator.builder()
            .addPath(sparse)
            .progressListener(
                (done, total) -> {
                  hashed.accumulateAndGet(done, Math::max);
                  started.countDown();
                })
            .build()
            .createAsync();
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    future.cancel(true);

    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    assertThat(waitForHashThreadsToEnd()).as("hashing threads released").isTrue();
    long stoppedAt = hashed.get();
    assertThat(stoppedAt).isLessThan(size);
    Thread.sleep(200);
    assertThat(hashed.get()).as("no hashing after the threads ended").isEqualTo(stoppedAt);
  }

  @Test
  void interruptingCreateThrowsInterruptedException(@TempDir Path dir) throws Exception {
    Path sparse = dir.resolve("sparse.bin");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(64L << 30);
    }
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> TorrentCreator.builder().addPath(sparse).build().create())
          .isInstanceOfAny(InterruptedException.class, java.io.InterruptedIOException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(waitForHashThreadsToEnd()).isTrue();
  }

  private static boolean waitForHashThreadsToEnd() throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      boolean alive =
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.getName().startsWith("ilp-create-torrent") && t.isAlive());
      if (!alive) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
