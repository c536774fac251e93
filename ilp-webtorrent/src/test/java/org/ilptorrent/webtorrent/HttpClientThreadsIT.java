package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.tracker.server.TrackerServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients share the process's one JDK HttpClient: on Java 17 an HttpClient cannot be closed and
 * keeps its selector thread until it is garbage collected, so a client made per WebTorrent (or per
 * tracker pool, or per payer) left one thread behind for every WebTorrent closed.
 */
class HttpClientThreadsIT {
  @TempDir Path dir;

  @Test
  void openingAndClosingTwentyClientsLeavesNoHttpClientThreadBehind() throws Exception {
    try (TrackerServer tracker = TrackerServer.builder().start()) {
      String announce = tracker.httpAnnounceUri().orElseThrow().toString();
      // One round first, so that the shared client (made on first use) exists before counting.
      openAnnounceAndClose(0, announce, tracker);
      long before = httpClientSelectorThreads();

      for (int i = 1; i <= 20; i++) {
        openAnnounceAndClose(i, announce, tracker);
      }

      Await.until(
          "no more HttpClient selector threads than before (" + before + ")",
          Duration.ofSeconds(20),
          () -> httpClientSelectorThreads() <= before);
      assertThat(httpClientSelectorThreads()).isLessThanOrEqualTo(Math.max(before, 1));
    }
  }

  /** A client that announces a torrent to the HTTP tracker (so HTTP is used), then closes. */
  private void openAnnounceAndClose(int i, String announce, TrackerServer tracker)
      throws Exception {
    byte[] hash = new byte[20];
    hash[0] = (byte) (i + 1);
    MagnetUri magnet =
        MagnetUri.builder().infoHash(InfoHash.of(hash)).name("t" + i).addTracker(announce).build();
    int torrentsBefore = tracker.torrentCount();
    try (WebTorrent client = Swarms.client(dir.resolve("c" + i))) {
      client.add(magnet, AddOptions.defaults());
      Await.until(
          "client " + i + " announced over HTTP",
          Duration.ofSeconds(20),
          () -> tracker.torrentCount() > torrentsBefore);
    }
  }

  private static long httpClientSelectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("HttpClient-") && n.endsWith("-SelectorManager"))
        .count();
  }
}
