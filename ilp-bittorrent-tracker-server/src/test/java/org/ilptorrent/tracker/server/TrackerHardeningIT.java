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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.HttpHardening;
import org.ilptorrent.fixtures.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracker's one port against hostile clients on real sockets (issue 15 item 5), as the
 * verifier's HttpHardeningIT: the shared HTTP checks with an HTTP announce as the normal request,
 * then the WebSocket side (caps shared with HTTP, slowloris beside a WebSocket announcer, oversized
 * and binary frames). Each check ends with a normal client served.
 */
class TrackerHardeningIT {
  private static final int TOTAL = 60;
  private static final int PER_ADDRESS = 50;
  private static final int MAX_TORRENT_BYTES = 4096;
  private static final String ANNOUNCE =
      "/announce?info_hash="
          + "%AA".repeat(20)
          + "&peer_id="
          + "h".repeat(20)
          + "&port=7000&left=0";

  private TrackerServer tracker;
  private HttpHardening checks;

  @BeforeEach
  void start() throws Exception {
    tracker =
        TrackerServer.builder()
            .maxConnections(TOTAL)
            .maxConnectionsPerAddress(PER_ADDRESS)
            .requestTimeout(Duration.ofSeconds(2))
            .maxTorrentBytes(MAX_TORRENT_BYTES)
            .start();
    checks = new HttpHardening(tracker.port(), ANNOUNCE, 200);
  }

  @AfterEach
  void stop() {
    tracker.close();
  }

  @Test
  void contentLengthWithTransferEncodingIsRefused() throws Exception {
    checks.contentLengthWithTransferEncoding();
  }

  @Test
  void twoContentLengthsAreRefused() throws Exception {
    checks.twoContentLengths();
  }

  @Test
  void obsFoldSmugglesNothing() throws Exception {
    checks.obsFold();
  }

  @Test
  void pipelinedAnnouncesAreAnsweredInOrder() throws Exception {
    checks.pipelined();
  }

  @Test
  void h2cUpgradeIsIgnored() throws Exception {
    checks.h2cUpgradeIgnored();
  }

  @Test
  void slowlorisNeitherStarvesHttpAnnouncersNorKeepsItsSockets() throws Exception {
    checks.slowloris(40, 20, Duration.ofSeconds(10));
  }

  @Test
  void connectionsAreCappedPerAddressAndInAll() throws Exception {
    checks.connectionCaps(TOTAL, PER_ADDRESS);
  }

  @Test
  void oversizedRegistrationsGet413AndChunkedOnes411() throws Exception {
    checks.oversizedBodies("/torrents", MAX_TORRENT_BYTES, 411);
  }

  @Test
  void idleHttpConnectionsAreClosedAfterTheTimeout() throws Exception {
    try (Socket idle = RawHttp.connect(tracker.port())) {
      assertThat(RawHttp.closedWithin(idle, 8_000)).as("idle connection closed").isTrue();
    }
    try (Socket kept = RawHttp.connect(tracker.port())) {
      RawHttp.send(kept, checks.normalRequest());
      assertThat(RawHttp.read(kept).status()).isEqualTo(200);
      assertThat(RawHttp.closedWithin(kept, 8_000)).as("idle after an answer, closed").isTrue();
    }
    checks.normalClientServed();
  }

  @Test
  void webSocketConnectionsCountAgainstTheCapsWithHttpOnes() throws Exception {
    InetAddress a1 = InetAddress.getByName("127.0.0.1");
    InetAddress a2 = InetAddress.getByName("127.0.0.2");
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < PER_ADDRESS; i++) {
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
          () -> tracker.stats().connections() == PER_ADDRESS);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    checks.normalClientServed();
  }

  @Test
  void slowlorisDoesNotDelayWebSocketAnnounces() throws Exception {
    List<Socket> slow = new ArrayList<>();
    ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
    WsTestClient ws = new WsTestClient(tracker.webSocketUri());
    try {
      for (int i = 0; i < 40; i++) {
        Socket s = RawHttp.connect(InetAddress.getByName("127.0.0.3"), tracker.port());
        RawHttp.send(s, "GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        slow.add(s);
      }
      drip.scheduleAtFixedRate(
          () -> {
            for (Socket s : slow) {
              try {
                RawHttp.send(s, "a");
              } catch (IOException closed) {
                // closed by the request deadline: the point
              }
            }
          },
          1,
          1,
          TimeUnit.SECONDS);
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        ws.sendJson(
            "{\"action\":\"announce\",\"info_hash\":\""
                + "\\u00bb".repeat(20)
                + "\",\"peer_id\":\""
                + "w".repeat(20)
                + "\",\"left\":10,\"event\":\""
                + (i == 0 ? "started" : "update")
                + "\"}");
        assertThat(ws.next().path("action").asText()).isEqualTo("announce");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("announce %d answered promptly", i)
            .isLessThan(Duration.ofSeconds(2));
        Thread.sleep(100);
      }
      for (Socket s : slow) {
        assertThat(RawHttp.closedWithin(s, 10_000)).as("slow connection closed").isTrue();
      }
    } finally {
      drip.shutdownNow();
      ws.close();
      for (Socket s : slow) {
        s.close();
      }
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
