package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.fixtures.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Announces for 100,000 info hashes over 100 connections: every one is answered, a connection is
 * capped at 1,000 torrents, and the tracker still serves a newcomer.
 */
class ManyTorrentsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private TrackerServer tracker;

  @BeforeEach
  void start() throws Exception {
    tracker = TrackerServer.builder().start();
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  private static String hash(int connection, int torrent) {
    char[] id = new char[20];
    java.util.Arrays.fill(id, 'h');
    id[0] = (char) (connection & 0xFF);
    id[1] = (char) (torrent >> 8 & 0xFF);
    id[2] = (char) (torrent & 0xFF);
    return new String(id);
  }

  private static String announce(String infoHash, String peerId) {
    ObjectNode a = JSON.createObjectNode();
    a.put("action", "announce");
    a.put("info_hash", infoHash);
    a.put("peer_id", peerId);
    a.put("left", 1);
    a.put("event", "started");
    return a.toString();
  }

  @Test
  void hundredThousandInfoHashes() throws Exception {
    List<WsTestClient> clients = new ArrayList<>();
    for (int c = 0; c < 100; c++) {
      WsTestClient client = new WsTestClient(tracker.webSocketUri());
      clients.add(client);
      String peerId = hash(c, 0xFFFF).replace('h', 'p');
      for (int t = 0; t < 1000; t++) {
        client.sendJson(announce(hash(c, t), peerId));
      }
      client.sendJson(announce(hash(c, 1000), peerId));
    }
    for (WsTestClient client : clients) {
      for (int t = 0; t < 1000; t++) {
        JsonNode answer = client.next();
        assertThat(answer.path("failure reason").isMissingNode()).isTrue();
      }
      JsonNode capped = client.next();
      assertThat(capped.path("failure reason").asText())
          .isEqualTo("too many torrents on one connection");
      assertThat(capped.path("action").asText()).isEqualTo("announce");
    }
    assertThat(tracker.torrentCount()).isEqualTo(100_000);
    assertThat(tracker.stats().peersWebSocket()).isEqualTo(100_000);

    WsTestClient newcomer = new WsTestClient(tracker.webSocketUri());
    newcomer.sendJson(announce(hash(7, 7), "n".repeat(20)));
    assertThat(newcomer.next().path("incomplete").asInt()).isEqualTo(2);

    for (WsTestClient client : clients) {
      client.closeBlocking();
    }
    Await.until(
        "the tracker to drop the closed peers' swarms",
        Duration.ofSeconds(5),
        () -> tracker.torrentCount() <= 1);
    assertThat(tracker.torrentCount()).as("closed peers leave their swarms").isEqualTo(1);
    newcomer.close();
  }
}
