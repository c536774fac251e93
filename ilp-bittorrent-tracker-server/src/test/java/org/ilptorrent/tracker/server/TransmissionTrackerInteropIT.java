package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's transmission-cli 3.00 seeding a free torrent announces to our HTTP tracker and to our
 * UDP tracker, and each counts it as a seeder. The two trackers are separate servers, so each count
 * proves its own protocol worked. Needs interop/install.sh; runs with -Pinterop.
 *
 * <p>aria2 is not run against the UDP tracker: aria2 1.36 sends UDP tracker requests through its
 * DHT socket and, with DHT off (needed to stay on loopback), fails every {@code udp://} announce
 * with "udp is not supported yet".
 */
class TransmissionTrackerInteropIT {

  @Test
  void transmissionAnnouncesAsASeederOverHttpAndUdp(@TempDir Path dir) throws Exception {
    try (TrackerServer httpTracker = TrackerServer.builder().httpPort(0).start();
        TrackerServer udpTracker = TrackerServer.builder().udpPort(0).start()) {
      Path data = Files.createDirectories(dir.resolve("data"));
      Path file = data.resolve("data.bin");
      Files.write(file, new byte[100_000]);
      URI http = httpTracker.httpAnnounceUri().orElseThrow();
      URI udp = udpTracker.udpAnnounceUri().orElseThrow();
      // Two tiers: transmission announces to every tier, one tracker of each.
      CreatedTorrent torrent =
          TorrentCreator.builder()
              .addPath(file)
              .announceTiers(List.of(List.of(http.toString()), List.of(udp.toString())))
              .build()
              .create();
      Path torrentFile = dir.resolve("data.torrent");
      Files.write(torrentFile, torrent.torrentFile());

      // transmission-cli has no flags for DHT, LPD, PEX or uTP: its settings.json turns them off,
      // and binds it to loopback.
      Path config = Files.createDirectories(dir.resolve("config"));
      Files.writeString(
          config.resolve("settings.json"),
          "{\n"
              + "  \"dht-enabled\": false,\n"
              + "  \"lpd-enabled\": false,\n"
              + "  \"pex-enabled\": false,\n"
              + "  \"utp-enabled\": false,\n"
              + "  \"port-forwarding-enabled\": false,\n"
              + "  \"rpc-enabled\": false,\n"
              + "  \"bind-address-ipv4\": \"127.0.0.1\",\n"
              + "  \"bind-address-ipv6\": \"::1\",\n"
              + "  \"peer-port\": "
              + freeTcpAndUdpPort()
              + "\n}\n");
      Path log = dir.resolve("transmission.log");
      Process transmission =
          new ProcessBuilder(
                  "transmission-cli",
                  "-g",
                  config.toString(),
                  "-w",
                  data.toString(),
                  "-M", // no port mapping
                  torrentFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try (UdpTestClient scraper = new UdpTestClient(udp)) {
        String hashQuery = percentEncoded(torrent.infoHash().toBytes());
        URI scrape =
            URI.create(http.toString().replace("/announce", "/scrape") + "?info_hash=" + hashQuery);
        // Seeders, completed, leechers: one seeder.
        String oneSeeder = "00000001" + "00000000" + "00000000";
        AtomicInteger transaction = new AtomicInteger();
        Scrapes counts;
        try {
          counts =
              Await.until(
                  "both scrapes to count transmission as a seeder",
                  Duration.ofSeconds(30),
                  () -> {
                    String tx = String.format("%08x", transaction.getAndIncrement());
                    String id = scraper.connect(tx);
                    return new Scrapes(
                        get(scrape),
                        scraper.request(id + "00000002" + tx + torrent.infoHash().toHex()));
                  },
                  c -> c.http().contains("8:completei1e") && c.udp().endsWith(oneSeeder));
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; transmission said:\n" + tail(log), e);
        }
        String tail = tail(log);
        assertThat(counts.http())
            .as("HTTP scrape; transmission said:%n%s", tail)
            .contains("8:completei1e");
        assertThat(counts.udp()).as("UDP scrape; transmission said:%n%s", tail).endsWith(oneSeeder);
      } finally {
        transmission.destroy();
        if (!transmission.waitFor(20, TimeUnit.SECONDS)) {
          transmission.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** What one round of scrapes said: the HTTP body, and the UDP reply as hex. */
  private record Scrapes(String http, String udp) {}

  private static int freeTcpAndUdpPort() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0);
          DatagramSocket udp = new DatagramSocket(tcp.getLocalPort())) {
        return tcp.getLocalPort();
      } catch (IOException e) {
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  private static String percentEncoded(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%%%02X", b & 0xFF));
    }
    return out.toString();
  }

  private static String get(URI uri) throws Exception {
    return new String(
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray())
            .body(),
        StandardCharsets.ISO_8859_1);
  }

  /** The log's last lines without the progress line transmission rewrites with carriage returns. */
  private static String tail(Path log) throws IOException {
    List<String> lines =
        new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
            .replace('\r', '\n')
            .lines()
            .filter(l -> l.startsWith("["))
            .toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
