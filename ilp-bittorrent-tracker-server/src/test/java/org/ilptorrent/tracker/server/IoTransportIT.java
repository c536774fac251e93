package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tracker on each network I/O transport it can be given: the same answers on every one. */
class IoTransportIT {
  private static final String HASH = WsTestClient.id('t');

  @ParameterizedTest
  @ValueSource(strings = {"auto", "io_uring", "epoll", "nio"})
  void servesWebSocketAndHttpOnEveryTransport(String transport) throws Exception {
    try (TrackerServer tracker = TrackerServer.builder().ioTransport(transport).start()) {
      WsTestClient seeder = new WsTestClient(tracker.webSocketUri());
      seeder.sendJson(announce('s', 0, ""));
      assertThat(seeder.next().path("complete").asInt()).isEqualTo(1);
      WsTestClient leecher = new WsTestClient(tracker.webSocketUri());
      leecher.sendJson(
          announce(
              'l',
              100,
              ",\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"},\"offer_id\":\""
                  + WsTestClient.id('1')
                  + "\"}]"));
      assertThat(leecher.next().path("incomplete").asInt()).isEqualTo(1);
      JsonNode offer = seeder.next();
      assertThat(offer.path("offer").path("sdp").asText()).isEqualTo("x");
      assertThat(offer.path("peer_id").asText()).isEqualTo(WsTestClient.id('l'));
      HttpResponse<String> stats =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + tracker.webSocketUri().getPort() + "/stats"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(stats.body()).contains("\"torrents\":1");
      seeder.closeBlocking();
      leecher.closeBlocking();
    }
  }

  @Test
  void ioUringIsUsedWhenChosenAndReleasedOnClose() throws Exception {
    assumeTrue(
        System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64"),
        "Netty's io_uring library is for Linux x86_64");
    long before = ioUringRings();
    try (TrackerServer tracker = TrackerServer.builder().ioTransport("io_uring").start()) {
      WsTestClient peer = new WsTestClient(tracker.webSocketUri());
      peer.sendJson(announce('p', 0, ""));
      peer.next();
      peer.closeBlocking();
      assertThat(ioUringRings()).as("io_uring rings while the tracker runs").isGreaterThan(before);
    }
    assertThat(ioUringRings()).as("io_uring rings after close").isEqualTo(before);
  }

  @Test
  void refusesAnUnknownTransport() {
    assertThatThrownBy(() -> TrackerServer.builder().ioTransport("kqueue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown transport 'kqueue': expected auto, io_uring, epoll or nio");
  }

  /** This process's open io_uring instances (file descriptors onto anon_inode:[io_uring]). */
  private static long ioUringRings() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().contains("io_uring");
                } catch (IOException e) {
                  return false; // closed while listed
                }
              })
          .count();
    }
  }

  private static String announce(char peer, int left, String extra) {
    return "{\"action\":\"announce\",\"info_hash\":\""
        + HASH
        + "\",\"peer_id\":\""
        + WsTestClient.id(peer)
        + "\",\"event\":\"started\",\"left\":"
        + left
        + ",\"numwant\":5"
        + extra
        + "}";
  }
}
