package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's aria2c seeding a free torrent announces to our HTTP tracker, and the swarm counts it.
 * aria2 is kept on loopback (no DHT, LPD or PEX). Needs interop/install.sh; runs with -Pinterop.
 */
class Aria2TrackerInteropIT {

  @Test
  void aria2AnnouncesAsASeeder(@TempDir Path dir) throws Exception {
    try (TrackerServer tracker = TrackerServer.builder().httpPort(0).start()) {
      Path file = dir.resolve("data.bin");
      Files.write(file, new byte[100_000]);
      CreatedTorrent torrent =
          TorrentCreator.builder()
              .addPath(file)
              .announce(List.of(tracker.httpAnnounceUri().orElseThrow().toString()))
              .build()
              .create();
      Path torrentFile = dir.resolve("data.torrent");
      Files.write(torrentFile, torrent.torrentFile());

      Process aria2 =
          new ProcessBuilder(
                  "aria2c",
                  "--dir=" + dir,
                  "--seed-ratio=0.0",
                  "--seed-time=1",
                  "--check-integrity=true",
                  "--bt-seed-unverified=false",
                  "--enable-dht=false",
                  "--enable-dht6=false",
                  "--bt-enable-lpd=false",
                  "--enable-peer-exchange=false",
                  "--listen-port=6991-6999",
                  "--summary-interval=0",
                  torrentFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        StringBuilder hash = new StringBuilder();
        for (byte b : torrent.infoHash().toBytes()) {
          hash.append(String.format("%%%02X", b & 0xFF));
        }
        URI scrape =
            URI.create(
                tracker.httpAnnounceUri().orElseThrow().toString().replace("/announce", "/scrape")
                    + "?info_hash="
                    + hash);
        String counts =
            Await.until(
                "the scrape to count aria2 as a seeder",
                Duration.ofSeconds(30),
                () ->
                    new String(
                        HttpClient.newHttpClient()
                            .send(
                                HttpRequest.newBuilder(scrape).build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                            .body(),
                        StandardCharsets.ISO_8859_1),
                c -> c.contains("8:completei1e"));
        assertThat(counts).contains("8:completei1e");
      } finally {
        aria2.destroy();
        aria2.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
