package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files while they download: the reads block for missing pieces and steer the picker. */
class StreamingIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void aStreamReadsTheRightBytesWhileTheFileDownloads() throws Exception {
    TorrentInfo meta =
        Swarms.multiFile(seedDir, "album", 32 * 1024, 21, 300_000, 2_000_000, 77_777);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t = leecher.add(meta, AddOptions.builder().sequential(true).build());
      TorrentFile second =
          t.files().stream()
              .filter(f -> f.path().equals(java.util.List.of("album", "file1.bin")))
              .findFirst()
              .orElseThrow();
      assertThat(second.length()).isEqualTo(2_000_000);
      CompletableFuture<byte[]> read = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (InputStream in = second.newInputStream()) {
                  read.complete(in.readAllBytes());
                } catch (Exception e) {
                  read.completeExceptionally(new IllegalStateException(e));
                }
              },
              "streaming-reader");
      reader.setDaemon(true);
      reader.start();
      // the reader blocks: nothing can arrive before a peer is known
      awaitBlocked(reader);
      assertThat(read).isNotDone();
      t.addPeer(address(seeder));
      byte[] bytes = read.get(60, TimeUnit.SECONDS);
      assertThat(bytes).isEqualTo(Files.readAllBytes(seedDir.resolve("album/file1.bin")));
      awaitDone(t);
    }
  }

  @Test
  void aChannelSeeksAndReadsInsideAFile() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "video.bin", 5_000_000, 64 * 1024, 22);
    byte[] expected = Files.readAllBytes(seedDir.resolve("video.bin"));
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
      try (SeekableByteChannel ch = t.files().get(0).newChannel()) {
        assertThat(ch.size()).isEqualTo(expected.length);
        ch.position(4_321_000);
        ByteBuffer b = ByteBuffer.allocate(100_000);
        while (b.hasRemaining()) {
          assertThat(ch.read(b)).isPositive();
        }
        byte[] want = java.util.Arrays.copyOfRange(expected, 4_321_000, 4_421_000);
        assertThat(b.array()).isEqualTo(want);
        ch.position(expected.length);
        assertThat(ch.read(ByteBuffer.allocate(1))).isEqualTo(-1);
      }
      awaitDone(t);
    }
  }

  /** Waits until {@code reader} is blocked in its read, waiting for a piece. */
  private static void awaitBlocked(Thread reader) {
    Await.until(
        "the reader to block waiting for a piece",
        Duration.ofSeconds(10),
        () -> reader.getState() == Thread.State.WAITING);
  }
}
