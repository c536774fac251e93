package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracker with a data directory remembers paid torrents and who paid across restarts: a balance
 * funded with exactly the price still gets in after a restart, which it could not if the tracker
 * spent again.
 */
class PersistenceIT {
  @TempDir Path dir;
  private PaidSetup setup;
  private Path data;

  @BeforeEach
  void start() throws Exception {
    setup = new PaidSetup(dir);
    data = dir.resolve("tracker-data");
  }

  @AfterEach
  void stop() throws Exception {
    setup.close();
  }

  private TrackerServer tracker() throws Exception {
    return TrackerServer.builder().allowVerifier(setup.verifier.uri()).dataDirectory(data).start();
  }

  private String announce(char peer, String balanceId) {
    com.fasterxml.jackson.databind.node.ObjectNode a =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    a.put("action", "announce");
    a.put("info_hash", setup.binaryHash());
    a.put("peer_id", WsTestClient.id(peer));
    a.put("left", 100);
    a.put("event", "started");
    a.put("requestId", balanceId);
    return a.toString();
  }

  @Test
  void registrationsAndEntitlementsSurviveARestart() throws Exception {
    String balance = setup.fundedBalance(300);
    String token;
    try (TrackerServer first = tracker()) {
      token = first.registerPaidTorrent(setup.torrent.torrentFile());
      WsTestClient peer = new WsTestClient(first.webSocketUri());
      peer.sendJson(announce('a', balance));
      assertThat(peer.next().path("failure reason").isMissingNode()).isTrue();
      assertThat(setup.client.spend(balance, 0)).isZero();
      peer.close();
    }
    String journal = Files.readString(data.resolve("tracker.journal"));
    assertThat(journal).as("balance ids are secrets").doesNotContain(balance);

    try (TrackerServer second = tracker()) {
      assertThat(second.stats().paidTorrents()).isEqualTo(1);
      assertThat(second.registerPaidTorrent(setup.torrent.torrentFile()))
          .as("the same seeder token")
          .isEqualTo(token);
      WsTestClient peer = new WsTestClient(second.webSocketUri());
      peer.sendJson(announce('a', balance));
      assertThat(peer.next().path("failure reason").isMissingNode())
          .as("admitted without a second spend")
          .isTrue();
      peer.close();
      WsTestClient poor = new WsTestClient(second.webSocketUri());
      poor.sendJson(announce('b', setup.fundedBalance(100)));
      assertThat(poor.next().path("failure reason").asText()).isEqualTo("payment failed");
      poor.close();
    }
  }

  @Test
  void aTornLastLineIsDroppedAndTheRestKept() throws Exception {
    try (TrackerServer first = tracker()) {
      first.registerPaidTorrent(setup.torrent.torrentFile());
    }
    Files.writeString(
        data.resolve("tracker.journal"),
        "paid 12ab",
        StandardCharsets.US_ASCII,
        StandardOpenOption.APPEND);
    try (TrackerServer second = tracker()) {
      assertThat(second.stats().paidTorrents()).isEqualTo(1);
    }
    assertThat(Files.readString(data.resolve("tracker.journal"))).doesNotContain("12ab");
  }
}
