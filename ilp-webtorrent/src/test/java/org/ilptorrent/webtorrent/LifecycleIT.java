package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client owns (threads, socket, files) goes away on close and remove. */
class LifecycleIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void closeStopsTheThreadsAndTheListeningSocket() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "a.bin", 300_000, 32 * 1024, 1);
    WebTorrent seeder = client(seedDir);
    int port = seeder.port();
    awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
    assertThat(threadsOf(port)).isNotEmpty();
    assertThat(seeder.torrents()).hasSize(1);
    assertThat(seeder.torrent(meta.infoHash())).contains(seeder.torrents().get(0));
    seeder.close();
    seeder.close();
    assertThat(threadsOf(port)).isEmpty();
    assertThat(seeder.torrents()).isEmpty();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> seeder.add(meta, AddOptions.defaults()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void removeEndsStreamsAndTheFutureButKeepsTheFiles() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "a.bin", 300_000, 32 * 1024, 2);
    try (WebTorrent leecher = client(leechDir)) {
      Torrent t = leecher.add(meta, AddOptions.defaults());
      assertThatThrownBy(() -> leecher.add(meta, AddOptions.defaults()))
          .isInstanceOf(IllegalStateException.class);
      CompletableFuture<Throwable> reader = new CompletableFuture<>();
      Thread readerThread =
          new Thread(
              () -> {
                try (InputStream in = t.files().get(0).newInputStream()) {
                  in.read();
                  reader.complete(null);
                } catch (IOException e) {
                  reader.complete(e);
                }
              },
              "lifecycle-reader");
      readerThread.setDaemon(true);
      readerThread.start();
      // remove while the reader is blocked in read(), waiting for a piece
      Await.until(
          "the reader to block waiting for a piece",
          Duration.ofSeconds(10),
          () -> readerThread.getState() == Thread.State.WAITING);
      t.remove();
      assertThat(reader.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> t.whenDone().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
      assertThat(leecher.torrents()).isEmpty();
      // added again, it downloads as usual
      try (WebTorrent seeder = client(seedDir)) {
        awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
        Torrent again = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
        awaitDone(again);
        Swarms.assertSameFiles(seedDir, leechDir);
      }
    }
  }

  @Test
  void aMemoryStoreWritesNothingToTheFolder() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "m.bin", 1_000_000, 64 * 1024, 3);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t =
          leecher.add(
              meta,
              AddOptions.builder()
                  .storeFactory(PieceStoreFactory.memory())
                  .addPeer(address(seeder))
                  .build());
      awaitDone(t);
      byte[] read;
      try (InputStream in = t.files().get(0).newInputStream()) {
        read = in.readAllBytes();
      }
      assertThat(read).isEqualTo(java.nio.file.Files.readAllBytes(seedDir.resolve("m.bin")));
      assertThat(leechDir.toFile().list()).isEmpty();
    }
  }

  private static List<String> threadsOf(int port) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("ilp-webtorrent-") && n.contains("-" + port))
        .toList();
  }
}
