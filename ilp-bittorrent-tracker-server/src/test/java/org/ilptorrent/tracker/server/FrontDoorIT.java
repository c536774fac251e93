package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.fixtures.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracker's one port for WebSocket and HTTP, and how it treats hostile HTTP: every bad request
 * gets a status and a closed connection, slow and surplus connections are dropped, and the tracker
 * keeps serving everyone else.
 */
class FrontDoorIT {
  private TrackerServer tracker;

  @BeforeEach
  void start() throws Exception {
    tracker =
        TrackerServer.builder()
            .maxConnections(40)
            .requestTimeout(Duration.ofSeconds(1))
            .maxTorrentBytes(64 * 1024)
            .start();
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  /** Sends raw bytes and returns everything the tracker sends until it closes (or 5 s pass). */
  private String exchange(byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", tracker.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request);
      return readUntilClosed(s);
    }
  }

  private String exchange(String request) throws IOException {
    return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String readUntilClosed(Socket s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      out.writeBytes("<timeout>".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void webSocketAndHttpShareThePort() throws Exception {
    URI http = tracker.httpAnnounceUri().orElseThrow();
    assertThat(http.getPort()).isEqualTo(tracker.port());
    String hash = "%AA".repeat(20);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            http
                                + "?info_hash="
                                + hash
                                + "&peer_id="
                                + "h".repeat(20)
                                + "&port=7000&left=0"))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    assertThat(r.body()).isEqualTo("d8:completei1e10:incompletei0e8:intervali600e5:peers0:e");

    WsTestClient ws = new WsTestClient(tracker.webSocketUri());
    ws.sendJson(
        "{\"action\":\"announce\",\"info_hash\":\""
            + "\\u00aa".repeat(20)
            + "\",\"peer_id\":\""
            + "w".repeat(20)
            + "\",\"left\":10,\"event\":\"started\"}");
    assertThat(ws.next().path("complete").asInt()).as("the HTTP seeder").isEqualTo(1);
    ws.close();

    TrackerStats stats = tracker.stats();
    assertThat(stats.torrents()).isEqualTo(1);
    assertThat(stats.peersIPv4()).isEqualTo(1);
  }

  @Test
  void statsAreJson() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tracker.port() + "/stats"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    assertThat(r.body()).startsWith("{\"torrents\":0,\"activeTorrents\":0,\"peersAll\":0,");
  }

  @Test
  void malformedRequestsGetAStatusAndAClosedConnection() throws Exception {
    assertThat(exchange("\u0000\u0001garbage\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /announce\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET announce HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET / HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
    assertThat(exchange("GET / HTTP/1.1\r\nno colon here\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /a\u00ff HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    // A request line over the head limit: 414 URI Too Long (RFC 9110 15.5.15), as every server of
    // the suite answers it on the shared Netty pipeline (the hand-written front door said 431).
    assertThat(exchange("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 414 ");
    assertThat(exchange("GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(200) + "\r\n"))
        .startsWith("HTTP/1.1 431 ");
    assertThat(exchange("POST /torrents HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .startsWith("HTTP/1.1 411 ");
    assertThat(exchange("POST /torrents HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n"))
        .startsWith("HTTP/1.1 413 ");
    assertThat(exchange("POST /torrents HTTP/1.1\r\nContent-Length: -1\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /announce HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"))
        .startsWith("HTTP/1.1 413 ");
    assertThat(exchange("GET /nothing HTTP/1.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404 ");
    assertThat(exchange("DELETE /announce HTTP/1.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 405 ");
    assertThat(
            exchange(
                "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n"))
        .as("an upgrade without a key")
        .startsWith("HTTP/1.1 4");
    assertThat(exchange("GET /announce?info_hash=%ZZ HTTP/1.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200 ")
        .endsWith("d14:failure reason13:invalid querye");
    awaitConnections(0);
    assertServes();
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
    try (Socket s = new Socket("127.0.0.1", tracker.port())) {
      s.setSoTimeout(5000);
      String one = "GET /stats HTTP/1.1\r\nHost: x\r\n\r\n";
      String last = "GET /stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write((one + one + last).getBytes(StandardCharsets.US_ASCII));
      String all = readUntilClosed(s);
      assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(4);
      assertThat(all).doesNotContain("<timeout>");
    }
  }

  @Test
  void slowClientsAreDroppedAfterTheRequestTimeout() throws Exception {
    try (Socket s = new Socket("127.0.0.1", tracker.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET /stats HTTP/1.1\r\nHost:".getBytes(StandardCharsets.US_ASCII));
      assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
    }
    assertServes();
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAndTheTrackerRecovers() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        held.add(new Socket("127.0.0.1", tracker.port()));
      }
      awaitConnections(40);
      try (Socket extra = new Socket()) {
        extra.connect(new InetSocketAddress("127.0.0.1", tracker.port()), 5000);
        extra.setSoTimeout(5000);
        assertThat(extra.getInputStream().read()).as("surplus connection closed").isEqualTo(-1);
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    awaitConnections(0);
    assertServes();
  }

  @Test
  void aTenMegabyteFrameClosesOnlyThatConnection() throws Exception {
    WsTestClient good = new WsTestClient(tracker.webSocketUri());
    WsTestClient hostile = new WsTestClient(tracker.webSocketUri());
    hostile.send("x".repeat(10 * 1024 * 1024));
    Await.until(
        "the ten-megabyte frame's connection to close",
        Duration.ofSeconds(5),
        () -> hostile.closeCode >= 0);
    // 1009 (too big) when the close frame arrives; 1006 when the reset of the unread rest of the
    // frame overtakes it. Either way that connection is gone.
    assertThat(hostile.closeCode).as("closed").isIn(1009, 1006);
    good.sendJson("{\"action\":\"scrape\",\"info_hash\":[]}");
    assertThat(good.next().path("action").asText()).isEqualTo("scrape");
    good.close();
  }

  @Test
  void oversizedFramesLogOneWarningLineWithoutAStackTrace() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 3; i++) {
        // A masked text frame claiming 2^40 bytes, then one over the limit (64 KiB + 1).
        assertThat(closedAfterFrame(0x7F, 1L << 40)).isTrue();
        assertThat(closedAfterFrame(0x7F, 64 * 1024 + 1)).isTrue();
      }
      assertServes();
    } finally {
      System.setErr(original);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().filter(l -> l.contains("frame over"))).hasSize(1);
    assertThat(text.lines().filter(l -> l.contains("frame over")).findFirst().orElseThrow())
        .contains("WARN")
        .contains("closed 1 WebSocket connection(s) for a frame over 65536 bytes");
    assertThat(text).doesNotContain("ERROR").doesNotContain("\tat ").doesNotContain("Exception");
  }

  /** Upgrades a raw socket and sends a frame header claiming {@code length}; true if closed. */
  private boolean closedAfterFrame(int lengthCode, long length) throws IOException {
    try (Socket s = new Socket("127.0.0.1", tracker.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Sec-WebSocket-Version: 13\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      assertThat(head.toString()).startsWith("HTTP/1.1 101");
      java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(14);
      frame.put((byte) 0x81).put((byte) (0x80 | lengthCode)).putLong(length).putInt(0x01020304);
      s.getOutputStream().write(frame.array());
      try {
        while (in.read() >= 0) {
          // the close frame, then the end of the stream
        }
      } catch (java.net.SocketException e) {
        // a reset closes it too
      }
      return true;
    }
  }

  private void awaitConnections(int count) {
    Await.until(
        count + " open connections",
        Duration.ofSeconds(5),
        () -> tracker.stats().connections() == count);
    assertThat(tracker.stats().connections()).isEqualTo(count);
  }

  private void assertServes() throws IOException {
    assertThat(exchange("GET /stats HTTP/1.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200 OK")
        .contains("\"torrents\":");
  }
}
