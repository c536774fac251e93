package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracker's gate with a real receipt verifier: unpaid announces get the licence, a balance id
 * with enough credit is spent once and then admitted, seeders enter with their token.
 */
class PaidSwarmIT {
  @TempDir Path dir;
  private PaidSetup setup;
  private ReceiptVerifierClient client;
  private TrackerServer tracker;
  private CreatedTorrent torrent;
  private String hash;
  private String seederToken;

  @BeforeEach
  void start() throws Exception {
    setup = new PaidSetup(dir);
    client = setup.client;
    torrent = setup.torrent;
    hash = setup.binaryHash();
    tracker = TrackerServer.builder().allowVerifier(setup.verifier.uri()).httpPort(0).start();
    seederToken = tracker.registerPaidTorrent(torrent.torrentFile());
  }

  @AfterEach
  void stop() throws Exception {
    tracker.close();
    setup.close();
  }

  private String fundedBalance(long amount) throws Exception {
    return setup.fundedBalance(amount);
  }

  /** An announce as JSON; {@code extra} adds fields ({@code ,"k":v...}) after left=100. */
  private String announce(char peer, String extra) throws Exception {
    // The info hash is a binary string: it must be escaped as JSON.stringify does.
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode base =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree("{\"event\":\"started\",\"left\":100" + extra + "}");
    base.put("action", "announce");
    base.put("info_hash", hash);
    base.put("peer_id", WsTestClient.id(peer));
    return base.toString();
  }

  @Test
  void unpaidGetsTheLicencePaidEntersOnceSeederEntersByToken() throws Exception {
    WsTestClient seeder = new WsTestClient(tracker.webSocketUri());
    seeder.sendJson(announce('s', ",\"left\":0,\"seeder_token\":\"" + seederToken + "\""));
    assertThat(seeder.next().path("action").asText()).isEqualTo("announce");

    WsTestClient leecher = new WsTestClient(tracker.webSocketUri());
    leecher.sendJson(
        announce(
            'l',
            ",\"offers\":[{\"offer\":{\"sdp\":\"x\"},\"offer_id\":\""
                + WsTestClient.id('1')
                + "\"}]"));
    JsonNode refused = leecher.next();
    assertThat(refused.path("failure reason").asText()).isEqualTo("payment required");
    assertThat(refused.path("info_hash").asText()).isEqualTo(hash);
    assertThat(refused.path("license").path("amount").asText()).isEqualTo("300");
    assertThat(refused.path("license").path("verifier").asText())
        .isEqualTo(setup.verifier.uri().toString());
    assertThat(seeder.poll(300)).as("nothing forwarded for an unpaid peer").isNull();

    String balance = fundedBalance(500);
    leecher.sendJson(
        announce(
            'l',
            ",\"requestId\":\""
                + balance
                + "\",\"offers\":[{\"offer\":{\"sdp\":\"x\"},\"offer_id\":\""
                + WsTestClient.id('1')
                + "\"}]"));
    assertThat(leecher.next().path("complete").asInt()).isEqualTo(1);
    assertThat(seeder.next().path("offer").path("sdp").asText()).isEqualTo("x");
    assertThat(setup.balance(balance)).isEqualTo(200);

    leecher.sendJson(announce('l', ",\"requestId\":\"" + balance + "\""));
    leecher.next();
    WsTestClient again = new WsTestClient(tracker.webSocketUri());
    again.sendJson(announce('m', ",\"requestId\":\"" + balance + "\""));
    assertThat(again.next().path("action").asText()).isEqualTo("announce");
    assertThat(setup.balance(balance))
        .as("re-announces and reconnects never pay twice")
        .isEqualTo(200);
  }

  @Test
  void httpAnnouncesAreGatedTheSameWay() throws Exception {
    String q = setup.queryHash();
    String base =
        tracker.httpAnnounceUri().orElseThrow()
            + "?info_hash="
            + q
            + "&peer_id="
            + "h".repeat(20)
            + "&port=7000&left=5&compact=1";
    java.util.function.Function<String, String> get =
        url -> {
          try {
            return new String(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                    .body(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };

    assertThat(get.apply(base))
        .startsWith("d14:failure reason16:payment required7:licensed6:amount3:300");
    String balance = fundedBalance(400);
    assertThat(get.apply(base + "&requestId=" + balance)).contains("5:peers");
    assertThat(setup.balance(balance)).isEqualTo(100);
    assertThat(get.apply(base + "&seeder_token=" + seederToken)).contains("5:peers");
  }

  @Test
  void concurrentAnnouncesWithOneBalanceSpendOnce() throws Exception {
    String balance = fundedBalance(1000);
    List<WsTestClient> peers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      peers.add(new WsTestClient(tracker.webSocketUri()));
    }
    for (int i = 0; i < peers.size(); i++) {
      peers.get(i).sendJson(announce((char) ('a' + i), ",\"requestId\":\"" + balance + "\""));
    }
    List<String> answers = new ArrayList<>();
    for (WsTestClient p : peers) {
      answers.add(p.next().path("failure reason").asText("admitted"));
    }
    // One spend for all; the payment then admits two of the five peers.
    assertThat(answers)
        .containsOnly("admitted", "too many peers for this payment")
        .filteredOn("admitted"::equals)
        .hasSize(2);
    assertThat(setup.balance(balance)).isEqualTo(700);
  }

  @Test
  void insufficientBalancesAndBadTokensStayOut() throws Exception {
    String poor = fundedBalance(100);
    WsTestClient leecher = new WsTestClient(tracker.webSocketUri());
    leecher.sendJson(announce('p', ",\"requestId\":\"" + poor + "\""));
    assertThat(leecher.next().path("failure reason").asText()).isEqualTo("payment failed");
    leecher.sendJson(announce('p', ",\"seeder_token\":\"guess\",\"left\":0"));
    assertThat(leecher.next().path("failure reason").asText()).isEqualTo("payment required");
    leecher.sendJson(announce('p', ",\"requestId\":\"" + UUID.randomUUID() + "\""));
    assertThat(leecher.next().path("failure reason").asText()).isEqualTo("payment failed");
  }

  @Test
  void registrationNeedsACommittedLicenceAndAnAllowedVerifier() throws Exception {
    try (TrackerServer strict =
        TrackerServer.builder().allowVerifier(URI.create("http://127.0.0.1:1")).start()) {
      assertThatThrownBy(() -> strict.registerPaidTorrent(torrent.torrentFile()))
          .isInstanceOf(PaidTorrentException.class)
          .hasMessage("verifier not allowed");
    }
    Path free = dir.resolve("free.bin");
    Files.write(free, new byte[10]);
    byte[] freeTorrent = TorrentCreator.builder().addPath(free).build().create().torrentFile();
    assertThatThrownBy(() -> tracker.registerPaidTorrent(freeTorrent))
        .isInstanceOf(PaidTorrentException.class);
  }
}
