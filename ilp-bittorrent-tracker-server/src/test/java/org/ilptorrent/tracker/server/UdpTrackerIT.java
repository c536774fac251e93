package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.tracker.server.UdpTestClient.PROTOCOL_ID;
import static org.ilptorrent.tracker.server.UdpTestClient.announce;
import static org.ilptorrent.tracker.server.UdpTestClient.ascii;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.tracker.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UDP tracker (BEP 15) on loopback, byte for byte, against hostile input too. */
class UdpTrackerIT {
  private static final String HASH = "aa".repeat(20);
  private static final String OTHER_HASH = "bb".repeat(20);
  private static final String ERROR = "00000003";

  private final TestClock clock = new TestClock();
  private TrackerServer tracker;
  private URI udp;

  @BeforeEach
  void start() throws Exception {
    tracker = TrackerServer.builder().httpPort(0).udpPort(0).clock(clock).start();
    udp = tracker.udpAnnounceUri().orElseThrow();
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  private static String peer(char c) {
    return HexFormat.of()
        .formatHex(String.valueOf(c).repeat(20).getBytes(StandardCharsets.US_ASCII));
  }

  private static String error(String tx, String message) {
    return ERROR + tx + ascii(message);
  }

  private static String scrape(String connectionId, String tx, String... hashes) {
    return connectionId + "00000002" + tx + String.join("", hashes);
  }

  @Test
  void isOffByDefaultAndNamesItsPortWhenOn() throws Exception {
    try (TrackerServer plain = TrackerServer.builder().start()) {
      assertThat(plain.udpAnnounceUri()).isEmpty();
    }
    assertThat(udp.toString()).matches("udp://127\\.0\\.0\\.1:[0-9]+");
    assertThatThrownBy(() -> TrackerServer.builder().udpPort(65536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrackerServer.builder().udpPort(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void connectsAnnouncesAndScrapes() throws Exception {
    try (UdpTestClient seeder = new UdpTestClient(udp);
        UdpTestClient leecher = new UdpTestClient(udp)) {
      String answer = seeder.request(PROTOCOL_ID + "00000000" + "00000457");
      assertThat(answer)
          .hasSize(32)
          .startsWith(
              "00000000" // action: connect
                  + "00000457"); // transaction id; then 8 bytes of connection id
      String seederId = answer.substring(16);

      assertThat(seeder.request(announce(seederId, "00000002", HASH, peer('a'), 0, 2, -1, 6881)))
          .isEqualTo(
              "00000001" // action: announce
                  + "00000002" // transaction id
                  + "00000258" // interval: 600 s, the HTTP interval
                  + "00000000" // leechers
                  + "00000001"); // seeders: itself; no other peer yet

      String leecherId = leecher.connect("00000003");
      assertThat(
              leecher.request(announce(leecherId, "00000004", HASH, peer('b'), 1000, 2, -1, 6882)))
          .isEqualTo(
              "00000001" // action: announce
                  + "00000004" // transaction id
                  + "00000258" // interval
                  + "00000001" // leechers: itself
                  + "00000001" // seeders
                  + "7f000001" // the seeder: 127.0.0.1
                  + "1ae1"); // port 6881

      assertThat(leecher.request(scrape(leecherId, "00000005", HASH, OTHER_HASH)))
          .isEqualTo(
              "00000002" // action: scrape
                  + "00000005" // transaction id
                  + "00000001" // HASH: seeders
                  + "00000000" // completed
                  + "00000001" // leechers
                  + "00000000" // OTHER_HASH, unknown: seeders
                  + "00000000" // completed
                  + "00000000"); // leechers

      leecher.request(announce(leecherId, "00000006", HASH, peer('b'), 0, 1, -1, 6882));
      assertThat(leecher.request(scrape(leecherId, "00000007", HASH)))
          .isEqualTo("00000002" + "00000007" + "00000002" + "00000001" + "00000000");

      seeder.request(announce(seederId, "00000008", HASH, peer('a'), 0, 3, -1, 6881));
      assertThat(seeder.request(scrape(seederId, "00000009", HASH)))
          .isEqualTo("00000002" + "00000009" + "00000001" + "00000001" + "00000000");
    }
  }

  @Test
  void toleratesBep41OptionsAfterAnAnnounce() throws Exception {
    try (UdpTestClient client = new UdpTestClient(udp)) {
      String id = client.connect("00000001");
      String withOptions =
          announce(id, "00000002", HASH, peer('a'), 0, 2, -1, 6881)
              + "02" // option: URLData
              + "09" // 9 bytes
              + ascii("/announce")
              + "01" // NOP
              + "00"; // EndOfOptions
      assertThat(client.request(withOptions))
          .isEqualTo("00000001" + "00000002" + "00000258" + "00000000" + "00000001");
    }
  }

  @Test
  void numwantDefaultsToFiftyAndIsCapped() throws Exception {
    try (UdpTestClient client = new UdpTestClient(udp)) {
      String id = client.connect("00000001");
      for (int i = 0; i < 100; i++) {
        client.request(
            announce(id, "00000002", HASH, String.format("%040x", i + 1), 0, 2, 0, 10_000 + i));
      }
      // Each peer is 6 bytes (12 hex digits) after the 20-byte header.
      assertThat(peersIn(client.request(announce(id, "00000003", HASH, peer('z'), 1, 2, -1, 9))))
          .isEqualTo(50);
      assertThat(peersIn(client.request(announce(id, "00000004", HASH, peer('z'), 1, 0, 3, 9))))
          .isEqualTo(3);
      assertThat(peersIn(client.request(announce(id, "00000005", HASH, peer('z'), 1, 0, 0, 9))))
          .isZero();
      assertThat(
              peersIn(client.request(announce(id, "00000006", HASH, peer('z'), 1, 0, 100_000, 9))))
          .isEqualTo(82);
    }
  }

  private static int peersIn(String announceAnswer) {
    assertThat(announceAnswer).startsWith("00000001");
    return (announceAnswer.length() - 40) / 12;
  }

  @Test
  void truncatedAnnouncesOfEveryLengthAreDroppedOrRefused() throws Exception {
    try (UdpTestClient client = new UdpTestClient(udp)) {
      String id = client.connect("00000001");
      byte[] full =
          HexFormat.of().parseHex(announce(id, "0000beef", HASH, peer('a'), 0, 2, -1, 6881));
      for (int length = 0; length < 98; length++) {
        client.send(Arrays.copyOf(full, length));
        // The tracker answers in order, so an answer to the cut datagram would come before the
        // answer to this connect: that shows what it did without waiting for a silence.
        String tx = String.format("%08x", length);
        client.send(PROTOCOL_ID + "00000000" + tx);
        String first = client.receive();
        if (length < 16) {
          assertThat(first).as("length %d: dropped", length).startsWith("00000000" + tx);
        } else {
          assertThat(first)
              .as("length %d", length)
              .isEqualTo(error("0000beef", "malformed announce"));
          assertThat(client.receive()).startsWith("00000000" + tx);
        }
      }
      assertThat(client.request(scrape(id, "00000002", HASH)))
          .isEqualTo("00000002" + "00000002" + "00000000" + "00000000" + "00000000");
    }
  }

  @Test
  void refusesBadHeadersWithAFixedMessageAndOnlyTheTransactionId() throws Exception {
    try (UdpTestClient client = new UdpTestClient(udp)) {
      assertThat(client.request("0000041727101981" + "00000000" + "00000011"))
          .isEqualTo(error("00000011", "invalid protocol id"));
      assertThat(client.request(PROTOCOL_ID + "00000000" + "00000012" + "ffff"))
          .as("trailing bytes after a connect are ignored")
          .startsWith("00000000" + "00000012");
      String id = client.connect("00000013");
      assertThat(client.request(id + "00000003" + "00000014"))
          .isEqualTo(error("00000014", "invalid action"));
      assertThat(client.request(id + "7fffffff" + "00000015" + "41".repeat(100)))
          .isEqualTo(error("00000015", "invalid action"));
      assertThat(client.request(announce(id, "00000016", HASH, peer('a'), 0, 4, -1, 6881)))
          .isEqualTo(error("00000016", "invalid event"));
      assertThat(client.request(announce(id, "00000017", HASH, peer('a'), 0, 2, -1, 0)))
          .isEqualTo(error("00000017", "invalid port"));
      assertThat(client.request(scrape(id, "00000018", "cc".repeat(20 * 75))))
          .isEqualTo(error("00000018", "too many info hashes"));
      assertThat(client.request(scrape(id, "00000019", "cc".repeat(30))))
          .isEqualTo(error("00000019", "malformed scrape"));
    }
  }

  @Test
  void refusesForgedStaleAndBorrowedConnectionIds() throws Exception {
    try (UdpTestClient client = new UdpTestClient(udp);
        UdpTestClient samePortElsewhere = new UdpTestClient(udp);
        UdpTestClient otherAddress =
            new UdpTestClient(udp, new InetSocketAddress("127.0.0.2", 0))) {
      String id = client.connect("00000001");
      String flipped = String.format("%016x", Long.parseUnsignedLong(id, 16) ^ 1);
      assertThat(client.request(announce(flipped, "00000002", HASH, peer('a'), 0, 2, -1, 6881)))
          .isEqualTo(error("00000002", "invalid connection id"));
      assertThat(client.request(scrape("0000000000000000", "00000003", HASH)))
          .isEqualTo(error("00000003", "invalid connection id"));
      assertThat(
              samePortElsewhere.request(announce(id, "00000004", HASH, peer('a'), 0, 2, -1, 6881)))
          .as("another port of the same host")
          .isEqualTo(error("00000004", "invalid connection id"));
      assertThat(otherAddress.request(scrape(id, "00000005", HASH)))
          .as("another source address")
          .isEqualTo(error("00000005", "invalid connection id"));

      clock.advanceMillis(120_000);
      assertThat(client.request(scrape(id, "00000006", HASH))).startsWith("00000002");
      clock.advanceMillis(1_000);
      assertThat(client.request(scrape(id, "00000007", HASH)))
          .as("older than two minutes")
          .isEqualTo(error("00000007", "invalid connection id"));
      String fresh = client.connect("00000008");
      assertThat(client.request(scrape(fresh, "00000009", HASH))).startsWith("00000002");
      assertThat(client.request(scrape(PROTOCOL_ID, "0000000a", HASH)))
          .isEqualTo(error("0000000a", "invalid connection id"));
    }
  }

  @Test
  void stillAnswersAfterAHundredThousandGarbageDatagrams() throws Exception {
    Random random = new Random(15);
    try (UdpTestClient flooder = new UdpTestClient(udp)) {
      for (int i = 0; i < 100_000; i++) {
        byte[] garbage = new byte[random.nextInt(i % 2 == 0 ? 20 : 1500)];
        random.nextBytes(garbage);
        if (garbage.length >= 16 && i % 3 == 0) {
          // A plausible header: a known action with a random id and body.
          garbage[8] = garbage[9] = garbage[10] = 0;
          garbage[11] = (byte) random.nextInt(3);
        }
        flooder.send(garbage);
      }
    }
    // Connects from a hundred source addresses: they cost the tracker no memory (no id table).
    for (int host = 2; host < 102; host++) {
      try (UdpTestClient c = new UdpTestClient(udp, new InetSocketAddress("127.0.0." + host, 0))) {
        for (int i = 0; i < 100; i++) {
          c.send(PROTOCOL_ID + "00000000" + String.format("%08x", i));
        }
      }
    }
    try (UdpTestClient client = new UdpTestClient(udp)) {
      String id = connectRetrying(client);
      assertThat(client.request(announce(id, "00000002", HASH, peer('a'), 0, 2, -1, 6881)))
          .isEqualTo("00000001" + "00000002" + "00000258" + "00000000" + "00000001");
    }
  }

  /**
   * Connects, resending as BEP 15 clients do: right after a flood the tracker's socket buffer may
   * still be full and drop the first attempts.
   */
  private static String connectRetrying(UdpTestClient client) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return client.connect(String.format("%08x", 0x1000 + attempt));
      } catch (SocketTimeoutException e) {
        if (attempt == 5) {
          throw e;
        }
      } catch (IOException e) {
        // The answer to an earlier attempt: keep reading the next ones.
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  @Test
  void refusesPaidTorrentsWithAFixedMessage(@TempDir Path dir) throws Exception {
    URI verifier = URI.create("http://127.0.0.1:9/verifier");
    Path file = dir.resolve("film.bin");
    Files.write(file, new byte[40_000]);
    License license =
        License.ofPrice(PaymentPointer.parse("$wallet.example/alice"), verifier, "300", "USD", 0);
    CreatedTorrent paid = TorrentCreator.builder().addPath(file).license(license).build().create();
    try (TrackerServer gated = TrackerServer.builder().allowVerifier(verifier).udpPort(0).start();
        UdpTestClient client = new UdpTestClient(gated.udpAnnounceUri().orElseThrow())) {
      gated.registerPaidTorrent(paid.torrentFile());
      String id = client.connect("00000001");
      String hash = paid.infoHash().toHex();
      assertThat(client.request(announce(id, "00000002", hash, peer('a'), 0, 2, -1, 6881)))
          .isEqualTo(error("00000002", "payment required: use a WebSocket or HTTP tracker"));
      assertThat(gated.torrentCount()).isZero();
    }
  }

  @Test
  void httpAndUdpAnnouncersOfOneTorrentSeeEachOther() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = tracker.httpAnnounceUri().orElseThrow().toString();
    String query =
        "?info_hash=" + "%AA".repeat(20) + "&peer_id=" + "h".repeat(20) + "&left=0&compact=1";
    String first = get(http, base + query + "&port=6881&event=started");
    assertThat(first).endsWith("5:peers0:e");
    try (UdpTestClient client = new UdpTestClient(udp)) {
      String id = client.connect("00000001");
      assertThat(client.request(announce(id, "00000002", HASH, peer('u'), 500, 2, -1, 6882)))
          .isEqualTo(
              "00000001" + "00000002" + "00000258" + "00000001" + "00000001" + "7f000001" + "1ae1");
    }
    // The HTTP announcer now gets the UDP one: 127.0.0.1:6882.
    assertThat(get(http, base + query + "&port=6881"))
        .isEqualTo(
            "d8:completei1e10:incompletei1e8:intervali600e5:peers6:\u007f\u0000\u0000\u0001\u001a\u00e2e");
  }

  private static String get(HttpClient http, String uri) throws Exception {
    return new String(
        http.send(
                HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body(),
        StandardCharsets.ISO_8859_1);
  }

  @Test
  void anIpv6ClientGetsEighteenBytePeers() throws Exception {
    try (TrackerServer v6 = TrackerServer.builder().host("::1").udpPort(0).start();
        UdpTestClient seeder = new UdpTestClient(v6.udpAnnounceUri().orElseThrow());
        UdpTestClient leecher = new UdpTestClient(v6.udpAnnounceUri().orElseThrow())) {
      assertThat(v6.udpAnnounceUri().orElseThrow().toString()).startsWith("udp://[::1]:");
      String a = seeder.connect("00000001");
      seeder.request(announce(a, "00000002", HASH, peer('a'), 0, 2, -1, 6881));
      String b = leecher.connect("00000003");
      assertThat(leecher.request(announce(b, "00000004", HASH, peer('b'), 1, 2, -1, 6882)))
          .isEqualTo(
              "00000001" // action: announce
                  + "00000004" // transaction id
                  + "00000258" // interval
                  + "00000001" // leechers
                  + "00000001" // seeders
                  + "00000000000000000000000000000001" // the seeder: ::1
                  + "1ae1"); // port 6881
    }
  }

  @Test
  void aBusyUdpPortFailsTheStartAndReleasesTheOtherPorts() throws Exception {
    int wsPort = org.ilptorrent.fixtures.TestEnvironment.freePort();
    try (java.net.DatagramSocket busy =
        new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      assertThatThrownBy(
              () -> TrackerServer.builder().port(wsPort).udpPort(busy.getLocalPort()).start())
          .isInstanceOf(IOException.class);
    }
    try (TrackerServer again = TrackerServer.builder().port(wsPort).start()) {
      assertThat(again.port()).isEqualTo(wsPort);
    }
  }

  @Test
  void closeReleasesThePortAndIsIdempotent() throws Exception {
    int port = udp.getPort();
    tracker.close();
    tracker.close();
    try (TrackerServer again = TrackerServer.builder().udpPort(port).start()) {
      assertThat(again.udpAnnounceUri().orElseThrow().getPort()).isEqualTo(port);
    }
  }
}
