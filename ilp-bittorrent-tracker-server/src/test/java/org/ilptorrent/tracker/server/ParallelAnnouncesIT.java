package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ilptorrent.fixtures.Await;
import org.junit.jupiter.api.Test;

/**
 * Many WebSocket peers announcing to the same few swarms at once, spread over the server's event
 * loops, which serve them in parallel (each swarm has its own lock): no announce is lost, every
 * reply carries counts its swarm really had, and the swarms empty when the peers leave.
 */
class ParallelAnnouncesIT {
  private static final int PEERS = 24;
  private static final int TORRENTS = 3;
  private static final int UPDATES = 150;

  private static String announce(int torrent, int peer, String event) {
    String infoHash = WsTestClient.id((char) ('a' + torrent)).substring(1) + "\u00e9";
    String peerId = String.format("-PA0001-%012d", peer);
    return "{\"action\":\"announce\",\"info_hash\":\""
        + infoHash
        + "\",\"peer_id\":\""
        + peerId
        + "\",\"left\":"
        + (peer % 4 == 0 ? 0 : 1)
        + (event == null ? "" : ",\"event\":\"" + event + "\"")
        + ",\"numwant\":5,\"offers\":[]}";
  }

  @Test
  void peersOfSharedSwarmsAnnounceInParallel() throws Exception {
    try (TrackerServer tracker = TrackerServer.builder().start()) {
      List<WsTestClient> clients = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(PEERS);
      try {
        for (int i = 0; i < PEERS; i++) {
          clients.add(new WsTestClient(tracker.webSocketUri()));
        }
        List<Future<Void>> runs = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
          int peer = i;
          WsTestClient client = clients.get(i);
          runs.add(
              pool.submit(
                  () -> {
                    for (int t = 0; t < TORRENTS; t++) {
                      client.sendJson(announce(t, peer, "started"));
                      checkReply(client.next());
                    }
                    for (int u = 0; u < UPDATES; u++) {
                      int t = u % TORRENTS;
                      // Every third peer leaves and rejoins its swarms as it goes.
                      String event = peer % 3 == 0 && u % 2 == 0 ? "stopped" : null;
                      client.sendJson(announce(t, peer, event));
                      checkReply(client.next());
                      if (event != null) {
                        client.sendJson(announce(t, peer, "started"));
                        checkReply(client.next());
                      }
                    }
                    return null;
                  }));
        }
        for (Future<Void> run : runs) {
          run.get();
        }
        TrackerStats stats = tracker.stats();
        assertThat(stats.torrents()).isEqualTo(TORRENTS);
        assertThat(stats.seeders() + stats.leechers()).isEqualTo(PEERS * TORRENTS);
        assertThat(stats.seeders()).isEqualTo(TORRENTS * ((PEERS + 3) / 4));

        // Half leave by closing their sockets, the others by stopping: the swarms empty.
        for (int i = 0; i < PEERS; i++) {
          int peer = i;
          WsTestClient client = clients.get(i);
          pool.submit(
              () -> {
                if (peer % 2 == 0) {
                  client.closeBlocking();
                } else {
                  for (int t = 0; t < TORRENTS; t++) {
                    client.sendJson(announce(t, peer, "stopped"));
                    client.next();
                  }
                }
                return null;
              });
        }
        Await.until(Duration.ofSeconds(20), () -> tracker.torrentCount() == 0);
        assertThat(tracker.stats().seeders() + tracker.stats().leechers()).isZero();
      } finally {
        pool.shutdownNow();
        for (WsTestClient c : clients) {
          c.close();
        }
      }
    }
  }

  private static void checkReply(JsonNode reply) {
    assertThat(reply.path("failure reason").isMissingNode()).as(reply.toString()).isTrue();
    int complete = reply.path("complete").asInt(-1);
    int incomplete = reply.path("incomplete").asInt(-1);
    assertThat(complete).isBetween(0, (PEERS + 3) / 4);
    assertThat(incomplete).isBetween(0, PEERS - (PEERS + 3) / 4);
  }
}
