package org.ilptorrent.tracker.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our {@link TrackerClient} against npm bittorrent-tracker 11's Server
 * (interop/npm/bittorrent-tracker/server.mjs, HTTP and WebSocket on one port, UDP on another, all
 * on 127.0.0.1): two clients of one torrent get each other's address over HTTP and over UDP, and
 * over WebSocket a fake SDP offer of one reaches the other through npm's server and the answer is
 * routed back. Needs interop/install.sh; runs with -Pinterop.
 *
 * <p>The offers are fake SDP text from an {@link OfferFactory}: npm's server forwards offers
 * without reading them, so no WebRTC stack and no ICE traffic are involved.
 */
class NpmTrackerServerInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<AutoCloseable> clients = new ArrayList<>();
  private final List<String> serverOutput = new ArrayList<>();
  private final LinkedBlockingQueue<String> serverLines = new LinkedBlockingQueue<>();
  private Process node;
  private URI http;
  private URI ws;
  private URI udp;

  @BeforeEach
  void startNpmServer() throws Exception {
    Path dir = TestEnvironment.repositoryRoot().resolve("interop/npm/bittorrent-tracker");
    assertThat(dir.resolve("node_modules/bittorrent-tracker"))
        .as("npm bittorrent-tracker is installed by interop/install.sh")
        .satisfies(p -> assertThat(Files.isDirectory(p)).isTrue());
    node =
        new ProcessBuilder("node", "server.mjs")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    Thread reader = new Thread(this::readServerOutput, "npm-tracker-server-output");
    reader.setDaemon(true);
    reader.start();

    JsonNode ports = awaitPorts();
    int port = ports.path("http").asInt();
    http = URI.create("http://127.0.0.1:" + port + "/announce");
    ws = URI.create("ws://127.0.0.1:" + ports.path("ws").asInt());
    udp = URI.create("udp://127.0.0.1:" + ports.path("udp").asInt());
  }

  @AfterEach
  void stopAll() throws Exception {
    try {
      for (int i = clients.size() - 1; i >= 0; i--) {
        clients.get(i).close();
      }
    } finally {
      if (node != null) {
        node.destroy();
        if (!node.waitFor(5, TimeUnit.SECONDS)) {
          node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  private void readServerOutput() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        synchronized (serverOutput) {
          serverOutput.add(line);
        }
        serverLines.add(line);
      }
    } catch (IOException e) {
      // The process was killed; what was read is kept.
    }
  }

  /** The JSON line {@code {"http":P,"ws":P,"udp":U}} server.mjs prints once it listens. */
  private JsonNode awaitPorts() throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      String line = serverLines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        break;
      }
      if (line.startsWith("{")) {
        return JSON.readTree(line);
      }
    }
    synchronized (serverOutput) {
      throw new AssertionError(
          "npm's tracker printed no ports within " + WAIT + "; output: " + serverOutput);
    }
  }

  private static InfoHash randomInfoHash() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return InfoHash.of(b);
  }

  private TrackerClient client(
      URI tracker, InfoHash hash, RecordingListener events, TrackerClient.Builder b) {
    TrackerClient c = b.infoHash(hash).announce(List.of(tracker)).listener(events).build();
    clients.add(c);
    return c;
  }

  @Test
  void httpClientsGetEachOthersAddresses() throws Exception {
    swarmOfTwoByAddress(http, 6101, 6102);
  }

  @Test
  void udpClientsGetEachOthersAddresses() throws Exception {
    swarmOfTwoByAddress(udp, 6111, 6112);
  }

  /** A seeder and then a leecher announce; each learns the other's address (127.0.0.1:port). */
  private void swarmOfTwoByAddress(URI tracker, int seederPort, int leecherPort) throws Exception {
    InfoHash hash = randomInfoHash();
    RecordingListener seederEvents = new RecordingListener();
    TrackerClient seeder =
        client(
            tracker,
            hash,
            seederEvents,
            TrackerClient.builder().port(seederPort).stats(AnnounceStats.seeding(0, 0)));
    seeder.start();
    RecordingListener.Announced alone = seederEvents.await(RecordingListener.Announced.class);
    assertThat(alone.complete()).isEqualTo(1);
    assertThat(alone.incomplete()).isZero();

    RecordingListener leecherEvents = new RecordingListener();
    client(
            tracker,
            hash,
            leecherEvents,
            TrackerClient.builder().port(leecherPort).stats(new AnnounceStats(0, 0, 500)))
        .start();
    assertThat(
            leecherEvents
                .await(
                    RecordingListener.Peer.class,
                    p -> p.peer().equals(new InetSocketAddress("127.0.0.1", seederPort)))
                .tracker())
        .isEqualTo(tracker);
    RecordingListener.Announced both = leecherEvents.await(RecordingListener.Announced.class);
    assertThat(both.complete()).isEqualTo(1);
    assertThat(both.incomplete()).isEqualTo(1);

    seeder.update();
    seederEvents.await(
        RecordingListener.Peer.class,
        p -> p.peer().equals(new InetSocketAddress("127.0.0.1", leecherPort)));
    assertThat(seederEvents.all(RecordingListener.Warning.class)).isEmpty();
    assertThat(leecherEvents.all(RecordingListener.Warning.class)).isEmpty();
  }

  @Test
  void aWebSocketOfferReachesTheOtherClientAndItsAnswerComesBack() throws Exception {
    InfoHash hash = randomInfoHash();
    RecordingListener seederEvents = new RecordingListener();
    client(
            ws,
            hash,
            seederEvents,
            TrackerClient.builder()
                .stats(AnnounceStats.seeding(0, 0))
                .offerFactory(new TrackerClientWebSocketIT.EchoFactory()))
        .start();
    assertThat(seederEvents.await(RecordingListener.Announced.class).complete()).isEqualTo(1);

    RecordingListener leecherEvents = new RecordingListener();
    TrackerClient leecher =
        client(
            ws,
            hash,
            leecherEvents,
            TrackerClient.builder()
                .stats(new AnnounceStats(0, 0, 500))
                .offerFactory(new TrackerClientWebSocketIT.EchoFactory()));
    leecher.start();

    ReceivedOffer offer = seederEvents.await(ReceivedOffer.class);
    assertThat(offer.from()).isEqualTo(leecher.peerId());
    assertThat(offer.infoHash()).isEqualTo(hash);
    assertThat(offer.tracker()).isEqualTo(ws);
    assertThat(offer.offer().sdp()).startsWith("offer-");

    ReceivedAnswer answer = leecherEvents.await(ReceivedAnswer.class);
    assertThat(answer.offerId()).isEqualTo(offer.offerId());
    assertThat(answer.answer().type()).isEqualTo("answer");
    assertThat(answer.answer().sdp()).isEqualTo("answer-to-" + offer.offer().sdp());
    assertThat(answer.infoHash()).isEqualTo(hash);
    RecordingListener.Announced both = leecherEvents.await(RecordingListener.Announced.class);
    assertThat(both.complete()).isEqualTo(1);
    assertThat(both.incomplete()).isEqualTo(1);
  }
}
