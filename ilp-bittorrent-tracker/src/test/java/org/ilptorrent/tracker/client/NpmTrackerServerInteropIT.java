package org.ilptorrent.tracker.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.tracker.testing.EchoFactory;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.ilptorrent.tracker.testing.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our client against npm bittorrent-tracker 11's server ({@code interop/npm/bittorrent-tracker/
 * server.mjs}) over WebSocket (offers and answers), HTTP and UDP. Runs with {@code -Pinterop}.
 */
class NpmTrackerServerInteropIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InfoHash HASH = InfoHash.fromHex("c0ffee0123456789abcdef0123456789abcdef01");

  @RegisterExtension final Resources resources = new Resources();
  private Process server;
  private int httpPort;
  private int udpPort;

  @BeforeEach
  void startNpmTracker() throws Exception {
    server =
        new ProcessBuilder("node", "server.mjs", "--port", "0", "--udp-port", "0")
            .directory(
                TestEnvironment.repositoryRoot().resolve("interop/npm/bittorrent-tracker").toFile())
            .redirectErrorStream(true)
            .start();
    // Registered first, so it stops after every client has left.
    resources.use(this::stopNpmTracker);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    JsonNode ports = JSON.readTree(first.get(30, TimeUnit.SECONDS));
    httpPort = ports.path("http").asInt();
    udpPort = ports.path("udp").asInt();
  }

  private void stopNpmTracker() throws InterruptedException {
    server.destroy();
    if (!server.waitFor(10, TimeUnit.SECONDS)) {
      server.destroyForcibly();
    }
  }

  private TrackerClient client(URI tracker, RecordingListener events, TrackerClient.Builder b) {
    return resources.use(b.infoHash(HASH).announce(List.of(tracker)).listener(events).build());
  }

  @Test
  void webSocketOffersAndAnswersGoThroughTheNpmTracker() throws Exception {
    URI ws = URI.create("ws://127.0.0.1:" + httpPort);
    RecordingListener seederEvents = new RecordingListener();
    TrackerClient seeder =
        client(
            ws,
            seederEvents,
            TrackerClient.builder()
                .options(
                    TrackerClientOptions.builder()
                        .stats(AnnounceStats.seeding(0, 0))
                        .offerFactory(new EchoFactory())
                        .build()));
    seeder.start();
    assertThat(seederEvents.await(RecordingListener.Announced.class).complete()).isEqualTo(1);

    RecordingListener leecherEvents = new RecordingListener();
    TrackerClient leecher =
        client(
            ws,
            leecherEvents,
            TrackerClient.builder()
                .options(TrackerClientOptions.builder().offerFactory(new EchoFactory()).build()));
    leecher.start();
    ReceivedOffer offer = seederEvents.await(ReceivedOffer.class);
    assertThat(offer.from()).isEqualTo(leecher.peerId());
    ReceivedAnswer answer = leecherEvents.await(ReceivedAnswer.class);
    assertThat(answer.from()).isEqualTo(seeder.peerId());
    assertThat(answer.offerId()).isEqualTo(offer.offerId());
    assertThat(answer.answer().sdp()).isEqualTo("answer-to-" + offer.offer().sdp());

    leecher.scrape();
    RecordingListener.Scrape scrape = leecherEvents.await(RecordingListener.Scrape.class);
    assertThat(scrape.complete()).isEqualTo(1);
    assertThat(scrape.incomplete()).isEqualTo(1);
    assertThat(leecherEvents.ofType(RecordingListener.Warning.class)).isEmpty();
  }

  @Test
  void httpAndUdpPeersFindEachOtherThroughTheNpmTracker() throws Exception {
    URI http = URI.create("http://127.0.0.1:" + httpPort + "/announce");
    URI udp = URI.create("udp://127.0.0.1:" + udpPort);
    RecordingListener seederEvents = new RecordingListener();
    client(
            http,
            seederEvents,
            TrackerClient.builder()
                .port(7301)
                .options(TrackerClientOptions.builder().stats(AnnounceStats.seeding(0, 0)).build()))
        .start();
    seederEvents.await(RecordingListener.Announced.class);

    RecordingListener udpEvents = new RecordingListener();
    TrackerClient udpLeecher = client(udp, udpEvents, TrackerClient.builder().port(7302));
    udpLeecher.start();
    // npm's tracker may list the announcer itself among the peers; the seeder must be there.
    udpEvents.awaitMatch(
        RecordingListener.Peer.class,
        p -> p.peer().equals(new InetSocketAddress("127.0.0.1", 7301)));
    RecordingListener.Announced counts = udpEvents.await(RecordingListener.Announced.class);
    assertThat(counts.complete()).isEqualTo(1);
    assertThat(counts.incomplete()).isEqualTo(1);
    udpLeecher.scrape();
    assertThat(udpEvents.await(RecordingListener.Scrape.class).complete()).isEqualTo(1);

    RecordingListener httpEvents = new RecordingListener();
    TrackerClient httpLeecher = client(http, httpEvents, TrackerClient.builder().port(7303));
    httpLeecher.start();
    httpEvents.awaitMatch(
        RecordingListener.Peer.class,
        p -> p.peer().equals(new InetSocketAddress("127.0.0.1", 7301)));
    httpEvents.awaitMatch(
        RecordingListener.Peer.class,
        p -> p.peer().equals(new InetSocketAddress("127.0.0.1", 7302)));
    httpLeecher.scrape();
    assertThat(httpEvents.await(RecordingListener.Scrape.class).incomplete()).isEqualTo(2);
    assertThat(udpEvents.ofType(RecordingListener.Warning.class)).isEmpty();
    assertThat(httpEvents.ofType(RecordingListener.Warning.class)).isEmpty();
  }
}
