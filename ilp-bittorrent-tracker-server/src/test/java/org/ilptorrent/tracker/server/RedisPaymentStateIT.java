package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.RedisProcess;
import org.junit.jupiter.api.Test;

/**
 * Trackers on one Redis share their payment state: a torrent registered through one is paid on all,
 * a balance id announced through several at once is spent once, the ticket key is one, and a Redis
 * outage fails paid announces with a clear reason while free torrents keep working.
 */
class RedisPaymentStateIT extends RedisTrackerSupport {
  private TrackerServer tracker() throws Exception {
    return TrackerServer.builder().allowVerifier(setup.verifier.uri()).redis(redis.uri()).start();
  }

  @Test
  void trackersOnOneRedisShareRegistrationsEntitlementsAndTheTicketKey() throws Exception {
    try (TrackerServer first = tracker();
        TrackerServer second = tracker()) {
      assertThat(second.ticketKey()).isEqualTo(first.ticketKey());
      String token = first.registerPaidTorrent(setup.torrent.torrentFile());
      Await.until(
          "the second tracker to learn the registration",
          Duration.ofSeconds(10),
          () -> second.stats().paidTorrents() == 1);
      assertThatThrownBy(() -> second.registerPaidTorrent(setup.torrent.torrentFile()))
          .isInstanceOfSatisfying(
              PaidTorrentException.class,
              e ->
                  assertThat(e.reason()).isEqualTo(PaidTorrentException.Reason.ALREADY_REGISTERED));
      WsTestClient seeder = new WsTestClient(second.webSocketUri());
      seeder.sendJson(PaidSetup.announce(setup.binaryHash(), 's', "seeder_token", token));
      assertThat(seeder.next().path("failure reason").isMissingNode())
          .as("the seeder token works on every tracker")
          .isTrue();
      seeder.close();

      // Twice the price on the balance: a second spend would leave nothing.
      String balance = setup.fundedBalance(600);
      List<WsTestClient> peers = new ArrayList<>();
      // Two on each (a payment has at most two peers in a swarm, and swarms are per tracker).
      for (int i = 0; i < 4; i++) {
        peers.add(new WsTestClient((i % 2 == 0 ? first : second).webSocketUri()));
      }
      for (int i = 0; i < peers.size(); i++) {
        peers
            .get(i)
            .sendJson(
                PaidSetup.announce(setup.binaryHash(), (char) ('a' + i), "requestId", balance));
      }
      for (WsTestClient peer : peers) {
        JsonNode answer = peer.next();
        assertThat(answer.path("failure reason").isMissingNode()).as(answer.toString()).isTrue();
        peer.close();
      }
      assertThat(setup.balance(balance)).as("spent once through both trackers").isEqualTo(300);

      // A tracker started later knows the entitlement from Redis and spends nothing.
      try (TrackerServer third = tracker()) {
        assertThat(third.stats().paidTorrents()).isEqualTo(1);
        WsTestClient late = new WsTestClient(third.webSocketUri());
        late.sendJson(PaidSetup.announce(setup.binaryHash(), 'z', "requestId", balance));
        assertThat(late.next().path("failure reason").isMissingNode()).isTrue();
        late.close();
      }
      assertThat(setup.balance(balance)).isEqualTo(300);
    }
  }

  @Test
  void aRedisOutageFailsPaidAnnouncesClearlyAndFreeTorrentsKeepWorking() throws Exception {
    try (TrackerServer tracker = tracker()) {
      tracker.registerPaidTorrent(setup.torrent.torrentFile());
      String balance = setup.fundedBalance(300);
      redis.kill();

      WsTestClient peer = new WsTestClient(tracker.webSocketUri());
      peer.sendJson(PaidSetup.announce(setup.binaryHash(), 'a', "requestId", balance));
      JsonNode refused = peer.next();
      assertThat(refused.path("failure reason").asText())
          .isEqualTo("payment state unavailable, try again later");
      assertThat(refused.path("info_hash").asText()).isEqualTo(setup.binaryHash());
      assertThat(setup.balance(balance))
          .as("nothing spent while the state is unreachable")
          .isEqualTo(300);

      String free =
          PaidSetup.binary(
              new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
      WsTestClient freePeer = new WsTestClient(tracker.webSocketUri());
      freePeer.sendJson(PaidSetup.announce(free, 'f', null, null));
      JsonNode answer = freePeer.next();
      assertThat(answer.path("failure reason").isMissingNode()).as(answer.toString()).isTrue();
      assertThat(answer.path("incomplete").asInt()).isEqualTo(1);
      freePeer.close();

      redis.start();
      Await.until(
          "paid announces to work again",
          RedisProcess.PATIENCE,
          () -> {
            try {
              peer.sendJson(PaidSetup.announce(setup.binaryHash(), 'a', "requestId", balance));
              return peer.next().path("failure reason").isMissingNode();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          });
      assertThat(setup.balance(balance)).isZero();
      peer.close();
    }
  }
}
