package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.HttpHardening;
import org.ilptorrent.fixtures.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The tracker's one port against hostile clients on real sockets (issue 15 item 5), as the
 * verifier's HttpHardeningIT: the shared HTTP scenarios, each against a tracker of its own, with an
 * HTTP announce (200) as the normal request and {@code POST /torrents} as the body route (413 for
 * an announced oversized body, 411 for any chunked one); then the WebSocket side (caps shared with
 * HTTP, slowloris beside a WebSocket announcer, oversized and binary frames). Each check ends with
 * a normal client served.
 */
class TrackerHardeningIT {
  /** The tracker's idle timeout is its request timeout. */
  private static final HttpHardening.Limits LIMITS =
      new HttpHardening.Limits(
          60, 50, Duration.ofSeconds(2), Duration.ofSeconds(2), "/torrents", 4096, 411);

  private static final String ANNOUNCE =
      "/announce?info_hash="
          + "%AA".repeat(20)
          + "&peer_id="
          + "h".repeat(20)
          + "&port=7000&left=0";

  private TrackerServer tracker;
  private HttpHardening checks;

  private HttpHardening.Running start() throws Exception {
    TrackerServer server =
        TrackerServer.builder()
            .maxConnections(LIMITS.total())
            .maxConnectionsPerAddress(LIMITS.perAddress())
            .requestTimeout(LIMITS.requestTimeout())
            .maxTorrentBytes(LIMITS.maxBody())
            .start();
    return new HttpHardening.Running(server, new HttpHardening(server.port(), ANNOUNCE, 200));
  }

  @BeforeEach
  void startForTheWebSocketChecks() throws Exception {
    HttpHardening.Running running = start();
    tracker = (TrackerServer) running.server();
    checks = running.checks();
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  @TestFactory
  Stream<DynamicTest> hostileHttpClientsAreRefusedAndAnnouncersServed() {
    return HttpHardening.scenarios(LIMITS, this::start).stream()
        .map(s -> DynamicTest.dynamicTest(s.name(), s::run));
  }

  @Test
  void webSocketConnectionsCountAgainstTheCapsWithHttpOnes() throws Exception {
    InetAddress a1 = InetAddress.getByName("127.0.0.1");
    InetAddress a2 = InetAddress.getByName("127.0.0.2");
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < LIMITS.perAddress(); i++) {
        held.add(upgraded(a1));
      }
      try (Socket over = RawHttp.connect(a1, tracker.port())) {
        assertThat(RawHttp.closedWithin(over, 5_000)).as("one more from 127.0.0.1").isTrue();
      }
      checks.normalClientServed(a2);
      // The normal client's connection is released as soon as its close is seen.
      Await.until(
          "the WebSocket connections alone open",
          Duration.ofSeconds(5),
          () -> tracker.stats().connections() == LIMITS.perAddress());
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    checks.normalClientServed();
  }

  @Test
  void slowlorisDoesNotDelayWebSocketAnnounces() throws Exception {
    WsTestClient ws = new WsTestClient(tracker.webSocketUri());
    try (HttpHardening.SlowHeads slow =
        HttpHardening.SlowHeads.open(
            tracker.port(), InetAddress.getByName("127.0.0.3"), "/stats", 40)) {
      for (int i = 0; i < 20; i++) {
        ws.sendJson(
            "{\"action\":\"announce\",\"info_hash\":\""
                + "\\u00bb".repeat(20)
                + "\",\"peer_id\":\""
                + "w".repeat(20)
                + "\",\"left\":10,\"event\":\""
                + (i == 0 ? "started" : "update")
                + "\"}");
        assertThat(ws.next().path("action").asText())
            .as("announce %d answered while the slow heads are open", i)
            .isEqualTo("announce");
      }
      slow.checkAllClosedWithin(Duration.ofSeconds(10));
    } finally {
      ws.close();
    }
    checks.normalClientServed();
  }

  @Test
  void aFragmentedMessageOverTheLimitIsClosedWith1009() throws Exception {
    try (Socket s = upgraded(InetAddress.getLoopbackAddress())) {
      byte[] part = new byte[40 * 1024];
      java.util.Arrays.fill(part, (byte) 'x');
      s.getOutputStream().write(frame(0x01, false, part)); // text, not final
      s.getOutputStream().write(frame(0x00, true, part)); // continuation, final: 80 KiB in all
      assertThat(closeCode(s)).isEqualTo(1009);
    }
    checks.normalClientServed();
  }

  @Test
  void binaryFramesAreRefusedWith1003() throws Exception {
    try (Socket s = upgraded(InetAddress.getLoopbackAddress())) {
      s.getOutputStream().write(frame(0x02, true, new byte[] {1, 2, 3}));
      assertThat(closeCode(s)).isEqualTo(1003);
    }
    checks.normalClientServed();
  }

  @Test
  void pingsAreAnsweredAndTextStillServed() throws Exception {
    try (Socket s = upgraded(InetAddress.getLoopbackAddress())) {
      s.getOutputStream().write(frame(0x09, true, "hi".getBytes(StandardCharsets.US_ASCII)));
      InputStream in = s.getInputStream();
      assertThat(in.read()).as("pong").isEqualTo(0x8A);
      assertThat(in.read()).isEqualTo(2);
      assertThat(in.readNBytes(2)).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream()
          .write(
              frame(
                  0x01,
                  true,
                  "{\"action\":\"scrape\",\"info_hash\":[]}".getBytes(StandardCharsets.UTF_8)));
      assertThat(in.read()).as("a text frame").isEqualTo(0x81);
    }
  }

  /** A raw socket from {@code from}, upgraded to WebSocket (the 101 head read). */
  private Socket upgraded(InetAddress from) throws IOException {
    Socket s = RawHttp.connect(from, tracker.port());
    RawHttp.send(
        s,
        "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    RawHttp.Answer a = RawHttp.read(s);
    assertThat(a).isNotNull();
    assertThat(a.status()).isEqualTo(101);
    return s;
  }

  /** A masked client frame. */
  private static byte[] frame(int opcode, boolean fin, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(payload.length + 14);
    b.put((byte) ((fin ? 0x80 : 0) | opcode));
    if (payload.length < 126) {
      b.put((byte) (0x80 | payload.length));
    } else if (payload.length < 65536) {
      b.put((byte) (0x80 | 126)).putShort((short) payload.length);
    } else {
      b.put((byte) (0x80 | 127)).putLong(payload.length);
    }
    byte[] mask = {1, 2, 3, 4};
    b.put(mask);
    for (int i = 0; i < payload.length; i++) {
      b.put((byte) (payload[i] ^ mask[i % 4]));
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  /** Reads frames until a close frame and returns its code; -1 if the stream ends first. */
  private static int closeCode(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    while (true) {
      int first = in.read();
      if (first < 0) {
        return -1;
      }
      int len = in.read() & 0x7F;
      if (len == 126) {
        len = (in.read() << 8) | in.read();
      } else if (len == 127) {
        throw new AssertionError("unexpected huge frame from the server");
      }
      byte[] payload = in.readNBytes(len);
      if ((first & 0x0F) == 0x08) {
        return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
      }
    }
  }
}
