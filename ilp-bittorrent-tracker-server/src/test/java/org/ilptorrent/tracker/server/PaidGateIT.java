package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.ilptorrent.fixtures.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's limits with a real verifier: one payment admits a bounded number of peers at a time,
 * the publisher's seeders are never evicted to make room, and a swarm that becomes paid loses the
 * peers that joined it while it was free.
 */
class PaidGateIT {
  @TempDir Path dir;
  private PaidSetup setup;

  @BeforeEach
  void start() throws Exception {
    setup = new PaidSetup(dir);
  }

  @AfterEach
  void stop() throws Exception {
    setup.close();
  }

  private String announce(char peer, String extra) {
    return PaidSetup.announceWith(setup.binaryHash(), peer, extra);
  }

  private static String offers(char id) {
    return PaidSetup.offers(id);
  }

  private String httpAnnounce(TrackerServer tracker, String peerIdHex, String extra)
      throws Exception {
    return setup.httpAnnounce(tracker, peerIdHex, extra);
  }

  private static String peerIdHex(int n) {
    return String.format("%040x", n);
  }

  @Test
  void onePaymentAdmitsTwoPeersAtATimeAndThePublisherStays() throws Exception {
    try (TrackerServer tracker =
        TrackerServer.builder().allowVerifier(setup.verifier.uri()).start()) {
      String token = tracker.registerPaidTorrent(setup.torrent.torrentFile());
      WsTestClient seeder = new WsTestClient(tracker.webSocketUri());
      seeder.sendJson(announce('s', ",\"left\":0,\"seeder_token\":\"" + token + "\""));
      assertThat(seeder.next().path("complete").asInt()).isEqualTo(1);

      String balance = setup.fundedBalance(300);
      int admitted = 0;
      int refused = 0;
      for (int i = 0; i < 1_100; i++) {
        String answer = httpAnnounce(tracker, peerIdHex(i), "&requestId=" + balance);
        if (answer.contains("5:peers")) {
          admitted++;
        } else if (answer.equals("d14:failure reason31:too many peers for this paymente")) {
          refused++;
        }
      }
      assertThat(admitted).isEqualTo(2);
      assertThat(refused).isEqualTo(1_098);
      assertThat(tracker.stats().seeders()).as("the publisher's seeder stays").isEqualTo(1);
      assertThat(tracker.stats().leechers()).isEqualTo(2);

      WsTestClient third = new WsTestClient(tracker.webSocketUri());
      third.sendJson(announce('t', ",\"requestId\":\"" + balance + "\"" + offers('1')));
      JsonNode failure = third.next();
      assertThat(failure.path("failure reason").asText())
          .isEqualTo("too many peers for this payment");
      assertThat(failure.path("info_hash").asText()).isEqualTo(setup.binaryHash());

      // A slot frees when its peer leaves; the next peer of the payment takes it.
      assertThat(httpAnnounce(tracker, peerIdHex(0), "&requestId=" + balance + "&event=stopped"))
          .contains("5:peers");
      third.sendJson(announce('t', ",\"requestId\":\"" + balance + "\"" + offers('1')));
      assertThat(third.next().path("failure reason").isMissingNode()).isTrue();
      assertThat(seeder.next().path("offer").path("sdp").asText()).isEqualTo("x");
      third.close();
      // the tracker learns of the close on its I/O thread
      Await.until(
          "the tracker to see the third socket close",
          Duration.ofSeconds(5),
          () -> tracker.stats().peersWebSocket() <= 1);
      assertThat(httpAnnounce(tracker, peerIdHex(2000), "&requestId=" + balance))
          .as("a closed socket frees its slot")
          .contains("5:peers");
      assertThat(setup.balance(balance)).as("one spend").isZero();
    }
  }

  @Test
  void swarmEvictionNeverRemovesThePublishersSeeder() throws Exception {
    try (TrackerServer tracker =
        TrackerServer.builder().allowVerifier(setup.verifier.uri()).maxPeersPerSwarm(3).start()) {
      String token = tracker.registerPaidTorrent(setup.torrent.torrentFile());
      assertThat(httpAnnounce(tracker, peerIdHex(99), "&seeder_token=" + token + "&left=0"))
          .contains("5:peers");
      for (int b = 0; b < 3; b++) {
        String balance = setup.fundedBalance(300);
        for (int p = 0; p < 2; p++) {
          assertThat(httpAnnounce(tracker, peerIdHex(b * 10 + p), "&requestId=" + balance))
              .contains("5:peers");
        }
      }
      assertThat(tracker.stats().seeders()).isEqualTo(1);
      assertThat(tracker.stats().peers()).isEqualTo(3);
    }
  }

  @Test
  void aSwarmThatBecomesPaidLosesThePeersThatJoinedItFree() throws Exception {
    try (TrackerServer tracker =
        TrackerServer.builder().allowVerifier(setup.verifier.uri()).start()) {
      WsTestClient early = new WsTestClient(tracker.webSocketUri());
      early.sendJson(announce('e', ""));
      assertThat(early.next().path("incomplete").asInt()).isEqualTo(1);
      assertThat(httpAnnounce(tracker, peerIdHex(7), "")).contains("5:peers");

      String token = tracker.registerPaidTorrent(setup.torrent.torrentFile());
      assertThat(tracker.stats().peers()).as("every unadmitted peer removed").isZero();

      WsTestClient paid = new WsTestClient(tracker.webSocketUri());
      paid.sendJson(announce('p', ",\"requestId\":\"" + setup.fundedBalance(300) + "\""));
      assertThat(paid.next().path("incomplete").asInt()).isEqualTo(1);

      WsTestClient seeder = new WsTestClient(tracker.webSocketUri());
      seeder.sendJson(
          announce('s', ",\"left\":0,\"seeder_token\":\"" + token + "\"" + offers('1')));
      assertThat(seeder.next().path("incomplete").asInt()).as("only the paid leecher").isEqualTo(1);
      assertThat(paid.next().path("offer").path("sdp").asText()).isEqualTo("x");
      assertThat(early.poll(300)).as("no offer for the peer that never paid").isNull();

      String peers = httpAnnounce(tracker, peerIdHex(8), "&seeder_token=" + token + "&left=0");
      assertThat(peers).as("the free HTTP peer left the peer list").contains("5:peers0:");

      early.sendJson(announce('e', ""));
      assertThat(early.next().path("failure reason").asText()).isEqualTo("payment required");
    }
  }
}
