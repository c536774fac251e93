package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ilptorrent.fixtures.Await;
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
    Set<String> reporters = ConcurrentHashMap.newKeySet();

    CompletableFuture<CreatedTorrent> future =
        TorrentCreator.builder()
            .addPath(sparse)
            .progressListener(
                (done, total) -> {
                  reporters.add(Thread.currentThread().getName());
                  hashed.accumulateAndGet(done, Math::max);
                  started.countDown();
                })
            .build()
            .createAsync();
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    future.cancel(true);

    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    awaitHashThreadsEnd("hashing threads released");
    long stoppedAt = hashed.get();
    assertThat(stoppedAt).isLessThan(size);
    // Progress is reported only from the creator's threads, and they have all ended (a thread seen
    // ended has made all its writes visible), so nothing can hash or report after this point.
    assertThat(reporters).isNotEmpty().allMatch(n -> n.startsWith("ilp-create-torrent"));
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
    awaitHashThreadsEnd("hashing threads released");
  }

  private static void awaitHashThreadsEnd(String what) {
    Await.until(
        what,
        Duration.ofSeconds(30),
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("ilp-create-torrent") && t.isAlive()));
  }
}
