package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.ilptorrent.fixtures.EventRecorder;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A peer that refused the first connection (its seeder was not listening yet) is dialled again. */
class RedialIT {
  @TempDir Path dir;

  @Test
  void aSeederThatStartsLateIsReachedByARedial() throws Exception {
    Path seedDir = dir.resolve("seed");
    TorrentInfo meta = Swarms.singleFile(seedDir, "late.bin", 1_000_000, 16 * 1024, 9);
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    EventRecorder<String> warnings = new EventRecorder<>();
    try (WebTorrent leecher = Swarms.client(dir.resolve("down"))) {
      Torrent t =
          leecher.add(
              meta, AddOptions.builder().addPeer(new InetSocketAddress("127.0.0.1", port)).build());
      t.addListener(
          new TorrentListener() {
            @Override
            public void onWarning(String message) {
              warnings.add(message);
            }
          });
      warnings.awaitMatch(w -> w.contains("cannot connect"), Duration.ofSeconds(5));
      assertThat(warnings.events()).anyMatch(w -> w.contains("cannot connect"));
      try (WebTorrent seeder = WebTorrent.builder().port(port).downloadFolder(seedDir).start()) {
        seeder.seed(meta, seedDir, SeedOptions.defaults());
        Swarms.awaitDone(t);
      }
      Swarms.assertSameFiles(seedDir, dir.resolve("down"));
    }
  }
}
