package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.ilptorrent.fixtures.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket tracker protocol of npm bittorrent-tracker 11, against a real server on loopback.
 */
class TrackerServerIT {
  private static final String HASH = WsTestClient.id('h');
  private TrackerServer tracker;

  @BeforeEach
  void start() throws Exception {
    tracker = TrackerServer.builder().start();
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  private static String announce(char peer, String event, int left, String offers) {
    return "{\"action\":\"announce\",\"info_hash\":\""
        + HASH
        + "\",\"peer_id\":\""
        + WsTestClient.id(peer)
        + "\",\"event\":\""
        + event
        + "\",\"left\":"
        + left
        + ",\"numwant\":5"
        + (offers == null ? "" : ",\"offers\":" + offers)
        + "}";
  }

  @Test
  void answersAnnouncesWithCountsAndInterval() throws Exception {
    WsTestClient a = new WsTestClient(tracker.webSocketUri());
    a.sendJson(announce('a', "started", 0, null));
    JsonNode r = a.next();

    // Field order as npm bittorrent-tracker writes it.
    assertThat(r.toString())
        .isEqualTo(
            "{\"complete\":1,\"incomplete\":0,\"action\":\"announce\",\"info_hash\":\""
                + HASH
                + "\",\"interval\":120}");
  }

  @Test
  void forwardsOffersAndRoutesAnswers() throws Exception {
    WsTestClient seeder = new WsTestClient(tracker.webSocketUri());
    seeder.sendJson(announce('s', "started", 0, null));
    seeder.next();
    WsTestClient leecher = new WsTestClient(tracker.webSocketUri());
    leecher.sendJson(
        announce(
            'l',
            "started",
            100,
            "[{\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"},\"offer_id\":\""
                + WsTestClient.id('1')
                + "\"},{\"offer\":{\"type\":\"offer\",\"sdp\":\"y\"},\"offer_id\":\""
                + WsTestClient.id('2')
                + "\"}]"));
    assertThat(leecher.next().path("incomplete").asInt()).isEqualTo(1);

    JsonNode offer = seeder.next();
    assertThat(offer.path("action").asText()).isEqualTo("announce");
    assertThat(offer.path("offer").path("sdp").asText()).isEqualTo("x");
    assertThat(offer.path("offer_id").asText()).isEqualTo(WsTestClient.id('1'));
    assertThat(offer.path("peer_id").asText()).isEqualTo(WsTestClient.id('l'));
    assertThat(offer.path("info_hash").asText()).isEqualTo(HASH);

    seeder.sendJson(
        "{\"action\":\"announce\",\"info_hash\":\""
            + HASH
            + "\",\"peer_id\":\""
            + WsTestClient.id('s')
            + "\",\"to_peer_id\":\""
            + WsTestClient.id('l')
            + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"z\"},\"offer_id\":\""
            + WsTestClient.id('1')
            + "\"}");
    JsonNode answer = leecher.next();
    assertThat(answer.path("answer").path("sdp").asText()).isEqualTo("z");
    assertThat(answer.path("offer_id").asText()).isEqualTo(WsTestClient.id('1'));
    assertThat(answer.path("peer_id").asText()).isEqualTo(WsTestClient.id('s'));
    assertThat(seeder.poll(300)).as("no response to an answer").isNull();
  }

  @Test
  void scrapesOnlyWhatIsAskedAndForgetsClosedPeers() throws Exception {
    WsTestClient a = new WsTestClient(tracker.webSocketUri());
    a.sendJson(announce('a', "started", 10, null));
    a.next();
    a.sendJson(announce('a', "completed", 0, null));
    a.next();
    WsTestClient b = new WsTestClient(tracker.webSocketUri());
    b.sendJson(
        "{\"action\":\"scrape\",\"info_hash\":[\""
            + HASH
            + "\",\""
            + WsTestClient.id('o')
            + "\"]}");
    JsonNode files = b.next().path("files");
    assertThat(files.size()).isEqualTo(2);
    assertThat(files.path(HASH).toString())
        .isEqualTo("{\"complete\":1,\"incomplete\":0,\"downloaded\":1}");

    a.closeBlocking();
    Await.until(
        "the tracker to drop the closed peer's swarm",
        Duration.ofSeconds(2),
        () -> tracker.torrentCount() == 0);
    assertThat(tracker.torrentCount()).isZero();
  }

  @Test
  void failuresCarryActionAndInfoHashAndKeepTheSocket() throws Exception {
    WsTestClient a = new WsTestClient(tracker.webSocketUri());
    a.sendJson("{not json");
    assertThat(a.next().path("failure reason").asText()).isEqualTo("invalid request");
    a.sendJson(
        "{\"action\":\"announce\",\"info_hash\":\"short\",\"peer_id\":\""
            + WsTestClient.id('a')
            + "\"}");
    JsonNode f = a.next();
    assertThat(f.path("action").asText()).isEqualTo("announce");
    assertThat(f.path("info_hash").asText()).isEqualTo("short");
    assertThat(f.path("failure reason").asText()).isEqualTo("invalid info_hash");
    a.sendJson("{\"action\":\"announce\",\"info_hash\":\"" + HASH + "\",\"peer_id\":\"x\"}");
    assertThat(a.next().path("failure reason").asText()).isEqualTo("invalid peer_id");
    a.sendJson("{\"action\":\"dance\",\"info_hash\":\"" + HASH + "\"}");
    assertThat(a.next().path("info_hash").asText()).isEqualTo(HASH);
    a.sendJson(announce('a', "started", 0, null));
    assertThat(a.next().path("complete").asInt()).isEqualTo(1);
    assertThat(a.isOpen()).isTrue();
  }

  @Test
  void oversizedFramesCloseThatConnectionOnly() throws Exception {
    WsTestClient big = new WsTestClient(tracker.webSocketUri());
    big.sendJson("{\"action\":\"announce\",\"pad\":\"" + "x".repeat(10 << 20) + "\"}");
    Await.until(
        "the oversized frame's connection to close",
        Duration.ofSeconds(5),
        () -> big.closeCode >= 0);
    assertThat(big.closeCode).isNotNegative();
    WsTestClient other = new WsTestClient(tracker.webSocketUri());
    other.sendJson(announce('o', "started", 0, null));
    assertThat(other.next().path("action").asText()).isEqualTo("announce");
  }

  @Test
  void manySequentialRoundTripsAllComplete() throws Exception {
    // Guards the Java-WebSocket 1.6.0 write stall: without the workaround some replies wait 60 s.
    WsTestClient a = new WsTestClient(tracker.webSocketUri());
    for (int i = 0; i < 500; i++) {
      a.sendJson(announce('a', i == 0 ? "started" : "update", 0, null));
      assertThat(a.next().path("action").asText()).isEqualTo("announce");
    }
  }
}
