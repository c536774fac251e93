package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP tracker (BEP 3, compact BEP 23, scrape BEP 48) on loopback, byte for byte. */
class HttpTrackerIT {
  private static final String HASH_QUERY = "%AA".repeat(20);
  private final HttpClient http = HttpClient.newHttpClient();
  private TrackerServer tracker;

  @BeforeEach
  void start() throws Exception {
    tracker = TrackerServer.builder().httpPort(0).start();
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  private String get(String pathAndQuery) throws Exception {
    URI base = tracker.httpAnnounceUri().orElseThrow();
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base.toString().replace("/announce", "") + pathAndQuery))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return new String(r.body(), StandardCharsets.ISO_8859_1);
  }

  private String announce(char peer, int port, String left, String event) throws Exception {
    return get(
        "/announce?info_hash="
            + HASH_QUERY
            + "&peer_id="
            + String.valueOf(peer).repeat(20)
            + "&port="
            + port
            + "&left="
            + left
            + "&event="
            + event
            + "&compact=1");
  }

  @Test
  void announcesReturnCompactPeersAndScrapesCount() throws Exception {
    String first = announce('a', 6881, "0", "started");
    assertThat(first).isEqualTo("d8:completei1e10:incompletei0e8:intervali600e5:peers0:e");

    String second = announce('b', 6882, "1000", "started");
    // The other peer: 127.0.0.1:6881 as 6 bytes.
    assertThat(second)
        .isEqualTo(
            "d8:completei1e10:incompletei1e8:intervali600e5:peers6:\u007f\u0000\u0000\u0001\u001a\u00e1e");

    String scrape = get("/scrape?info_hash=" + HASH_QUERY);
    assertThat(scrape)
        .isEqualTo(
            "d5:filesd20:"
                + "\u00aa".repeat(20)
                + "d8:completei1e10:downloadedi0e10:incompletei1eeee");

    announce('b', 6882, "0", "completed");
    assertThat(get("/scrape?info_hash=" + HASH_QUERY)).contains("8:completei2e10:downloadedi1e");
    announce('a', 6881, "0", "stopped");
    assertThat(get("/scrape?info_hash=" + HASH_QUERY)).contains("8:completei1e");
  }

  @Test
  void badRequestsGetFailureReasons() throws Exception {
    assertThat(get("/announce?peer_id=" + "a".repeat(20) + "&port=1"))
        .isEqualTo("d14:failure reason17:invalid info_hashe");
    assertThat(get("/announce?info_hash=" + HASH_QUERY + "&peer_id=short&port=1"))
        .isEqualTo("d14:failure reason15:invalid peer_ide");
    assertThat(get("/announce?info_hash=" + HASH_QUERY + "&peer_id=" + "a".repeat(20) + "&port=0"))
        .isEqualTo("d14:failure reason12:invalid porte");
    int port = tracker.httpAnnounceUri().orElseThrow().getPort();
    try (java.net.Socket raw = new java.net.Socket("127.0.0.1", port)) {
      raw.getOutputStream()
          .write(
              "GET /announce?info_hash=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(raw.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(status).matches("HTTP/1.1 (200|400) .*");
    }
    assertThat(get("/announce?x=" + "a".repeat(9000))).contains("request too large");
  }
}
