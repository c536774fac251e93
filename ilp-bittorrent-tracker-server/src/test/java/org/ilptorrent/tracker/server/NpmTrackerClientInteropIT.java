package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.EventRecorder;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * npm bittorrent-tracker 11's Client (interop/npm/bittorrent-tracker/client.mjs) announcing to our
 * tracker over WebSocket, HTTP and, once the server has it, UDP: two clients of one torrent find
 * each other, scrapes count them, and a paid torrent answers an unpaid announce with {@code payment
 * required}, which the npm client reports as a warning. Needs interop/install.sh; runs with
 * -Pinterop.
 *
 * <p>Over WebSocket the npm client generates real WebRTC offers (@roamhq/wrtc, no STUN servers);
 * client.mjs reports an offer it receives as a {@code peer} event and never answers it, so no ICE
 * traffic is ever sent.
 */
class NpmTrackerClientInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<NpmClient> clients = new ArrayList<>();
  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (NpmClient c : clients) {
      c.close();
    }
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  @Test
  void webSocketClientsReceiveEachOthersOffersAndCounts() throws Exception {
    TrackerServer tracker = start(TrackerServer.builder());
    String hash = randomHex();
    String seederId = randomHex();
    String leecherId = randomHex();
    String url = tracker.webSocketUri().toString();

    NpmClient seeder = client(url, hash, seederId, "--left", "0", "--update-every-ms", "1000");
    JsonNode alone = seeder.await("update", e -> true);
    assertThat(alone.path("complete").asInt()).isEqualTo(1);
    assertThat(alone.path("incomplete").asInt()).isZero();

    NpmClient leecher = client(url, hash, leecherId, "--left", "500", "--update-every-ms", "1000");
    JsonNode both = leecher.await("update", e -> true);
    assertThat(both.path("infoHash").asText()).isEqualTo(hash);
    assertThat(both.path("complete").asInt()).isEqualTo(1);
    assertThat(both.path("incomplete").asInt()).isEqualTo(1);
    // The leecher's first announce carried offers; the tracker forwarded one to the seeder...
    seeder.await("peer", e -> e.path("id").asText().equals(leecherId));
    // ...and the seeder's next announce's offers reach the leecher.
    leecher.await("peer", e -> e.path("id").asText().equals(seederId));
    assertThat(seeder.events("peer"))
        .as("offers are never forwarded back to their sender")
        .noneMatch(e -> e.path("id").asText().equals(seederId));

    JsonNode scrape = client(url, hash, randomHex(), "--scrape-only").await("scrape", e -> true);
    assertThat(scrape.path("infoHash").asText()).isEqualTo(hash);
    assertThat(scrape.path("complete").asInt()).isEqualTo(1);
    assertThat(scrape.path("incomplete").asInt()).isEqualTo(1);
  }

  @Test
  void httpClientsGetEachOthersAddressesAndCounts() throws Exception {
    TrackerServer tracker = start(TrackerServer.builder().httpPort(0));
    String url = tracker.httpAnnounceUri().orElseThrow().toString();
    swarmOfTwoByAddress(url);
  }

  @Test
  void udpClientsGetEachOthersAddressesAndCounts() throws Exception {
    Optional<TrackerServer> tracker = withUdp();
    assumeTrue(tracker.isPresent(), "this TrackerServer has no UDP tracker (udpAnnounceUri)");
    swarmOfTwoByAddress(udpAnnounceUri(tracker.get()));
  }

  /** Two clients (a seeder on port 6001, a leecher on 6002) over HTTP or UDP, then a scrape. */
  private void swarmOfTwoByAddress(String url) throws Exception {
    String hash = randomHex();
    NpmClient seeder =
        client(
            url, hash, randomHex(), "--port", "6001", "--left", "0", "--update-every-ms", "1000");
    JsonNode alone = seeder.await("update", e -> true);
    assertThat(alone.path("complete").asInt()).isEqualTo(1);
    assertThat(alone.path("incomplete").asInt()).isZero();

    NpmClient leecher = client(url, hash, randomHex(), "--port", "6002", "--left", "500");
    leecher.await("peer", e -> e.path("address").asText().equals("127.0.0.1:6001"));
    JsonNode both = leecher.await("update", e -> true);
    assertThat(both.path("complete").asInt()).isEqualTo(1);
    assertThat(both.path("incomplete").asInt()).isEqualTo(1);
    seeder.await("peer", e -> e.path("address").asText().equals("127.0.0.1:6002"));

    // Counts only: npm's HTTP client mangles the info hash of a BEP 48 scrape whose raw 20-byte key
    // is not valid UTF-8 (bencode 4 turns such keys into hex, which the client hex-encodes again).
    JsonNode scrape = client(url, hash, randomHex(), "--scrape-only").await("scrape", e -> true);
    assertThat(scrape.path("complete").asInt()).isEqualTo(1);
    assertThat(scrape.path("incomplete").asInt()).isEqualTo(1);
    assertThat(scrape.path("downloaded").asInt()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws", "http", "udp"})
  void unpaidAnnounceOfAPaidTorrentIsAPaymentRequiredWarning(String protocol, @TempDir Path dir)
      throws Exception {
    URI verifier = URI.create("http://127.0.0.1:9/");
    TrackerServer.Builder builder = TrackerServer.builder().allowVerifier(verifier).httpPort(0);
    TrackerServer tracker;
    String url;
    if (protocol.equals("udp")) {
      Optional<TrackerServer> udp = withUdp(builder);
      assumeTrue(udp.isPresent(), "this TrackerServer has no UDP tracker (udpAnnounceUri)");
      tracker = udp.get();
      url = udpAnnounceUri(tracker);
    } else {
      tracker = start(builder);
      url =
          protocol.equals("ws")
              ? tracker.webSocketUri().toString()
              : tracker.httpAnnounceUri().orElseThrow().toString();
    }
    // The verifier is never called: an announce without a balance id is refused before any spend.
    License license =
        License.ofPrice(PaymentPointer.parse("$127.0.0.1/wallet"), verifier, "300", "USD", 0);
    CreatedTorrent torrent = paidTorrent(dir, license);
    tracker.registerPaidTorrent(torrent.torrentFile());

    NpmClient leecher = client(url, torrent.infoHash().toHex(), randomHex());
    JsonNode warning = leecher.await("warning", e -> true);
    if (protocol.equals("udp")) {
      // A UDP announce cannot carry a balance id, so the refusal may also say where to pay.
      assertThat(warning.path("message").asText()).startsWith("payment required");
    } else {
      assertThat(warning.path("message").asText()).isEqualTo("payment required");
    }
    assertThat(leecher.events("update")).as("no swarm for an unpaid peer").isEmpty();
    assertThat(leecher.events("peer")).isEmpty();
  }

  @Test
  void aPaidTorrentAdmitsTheNpmClientWithAFundedRequestId(@TempDir Path dir) throws Exception {
    SpspTestWallet wallet = new SpspTestWallet();
    servers.add(wallet);
    ReceiptVerifierServer verifier = ReceiptVerifierServer.builder().start();
    servers.add(verifier);
    ReceiptVerifierClient balances =
        ReceiptVerifierClient.builder(verifier.uri())
            .registrationToken(verifier.registrationToken().orElseThrow())
            .build();
    PaymentPointer proxy = balances.registerPointer(PaymentPointer.parse(wallet.pointer()));
    CreatedTorrent torrent =
        paidTorrent(dir, License.ofPrice(proxy, verifier.uri(), "300", "USD", 0));
    TrackerServer tracker = start(TrackerServer.builder().allowVerifier(verifier.uri()));
    tracker.registerPaidTorrent(torrent.torrentFile());

    // A real receipt for 400 credited under a fresh balance id, as a paying leecher does.
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(proxy.toUrl())
                .header("Accept", "application/spsp4+json")
                .build(),
            HttpResponse.BodyHandlers.discarding());
    SpspTestWallet.Issued issued = wallet.takeIssued();
    String balance = UUID.randomUUID().toString();
    balances.creditReceipt(balance, Receipt.create(issued.nonce(), 1, 400, issued.secret()));

    NpmClient leecher =
        client(
            tracker.webSocketUri().toString(),
            torrent.infoHash().toHex(),
            randomHex(),
            "--request-id",
            balance);
    JsonNode update = leecher.await("update", e -> true);
    assertThat(update.path("incomplete").asInt()).isEqualTo(1);
    assertThat(leecher.events("warning")).isEmpty();
    assertThat(balances.spend(balance, 0, proxy.toString(), null))
        .as("the price was spent once")
        .isEqualTo(100);
  }

  private static CreatedTorrent paidTorrent(Path dir, License license) throws Exception {
    Path file = dir.resolve("film.bin");
    Files.write(file, new byte[40_000]);
    return TorrentCreator.builder().addPath(file).license(license).build().create();
  }

  private TrackerServer start(TrackerServer.Builder builder) throws IOException {
    TrackerServer tracker = builder.start();
    servers.add(tracker);
    return tracker;
  }

  private Optional<TrackerServer> withUdp() throws Exception {
    return withUdp(TrackerServer.builder());
  }

  /**
   * Starts a tracker with its UDP server on a free port, when this build's TrackerServer has one:
   * the UDP tracker is found by reflection (a {@code udpPort(int)} builder setting and a public
   * {@code udpAnnounceUri()}) so this test compiles before it exists and runs once it does.
   */
  private Optional<TrackerServer> withUdp(TrackerServer.Builder builder) throws Exception {
    Method uri = publicMethod(TrackerServer.class, "udpAnnounceUri");
    Method port = publicMethod(TrackerServer.Builder.class, "udpPort", int.class);
    if (uri == null || port == null) {
      return Optional.empty();
    }
    port.invoke(builder, 0);
    return Optional.of(start(builder));
  }

  private static String udpAnnounceUri(TrackerServer tracker) throws Exception {
    Object uri = TrackerServer.class.getMethod("udpAnnounceUri").invoke(tracker);
    if (uri instanceof Optional<?> optional) {
      uri = optional.orElseThrow();
    }
    return uri.toString();
  }

  private static Method publicMethod(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static String randomHex() {
    byte[] id = new byte[20];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  private NpmClient client(String url, String infoHash, String peerId, String... options)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "node",
            "client.mjs",
            "--announce",
            url,
            "--info-hash",
            infoHash,
            "--peer-id",
            peerId,
            "--duration-ms",
            String.valueOf(WAIT.multipliedBy(2).toMillis())));
    command.addAll(List.of(options));
    NpmClient c = new NpmClient(command);
    clients.add(c);
    return c;
  }

  /** One node client.mjs process; its JSON event lines are collected by a reader thread. */
  private static final class NpmClient implements AutoCloseable {
    private final Process process;
    private final EventRecorder<JsonNode> events = new EventRecorder<>(WAIT);
    private final List<String> otherOutput = new ArrayList<>();

    NpmClient(List<String> command) throws IOException {
      process =
          new ProcessBuilder(command)
              .directory(
                  TestEnvironment.repositoryRoot()
                      .resolve("interop/npm/bittorrent-tracker")
                      .toFile())
              .redirectErrorStream(true)
              .start();
      Thread reader = new Thread(this::read, "npm-tracker-client-output");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.startsWith("{")) {
            events.add(JSON.readTree(line));
          } else {
            synchronized (otherOutput) {
              otherOutput.add(line);
            }
          }
        }
      } catch (IOException e) {
        // The process was killed; what was read is kept.
      }
    }

    /** The first event of this type matching {@code test}, waiting up to {@link #WAIT}. */
    JsonNode await(String type, Predicate<JsonNode> test) {
      try {
        return events.awaitMatch(e -> e.path("event").asText().equals(type) && test.test(e));
      } catch (AssertionError e) {
        synchronized (otherOutput) {
          throw new AssertionError(
              "no matching '"
                  + type
                  + "' event: "
                  + e.getMessage()
                  + "; other output: "
                  + otherOutput,
              e);
        }
      }
    }

    /** The events of this type received so far. */
    List<JsonNode> events(String type) {
      return events.events().stream().filter(e -> e.path("event").asText().equals(type)).toList();
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
