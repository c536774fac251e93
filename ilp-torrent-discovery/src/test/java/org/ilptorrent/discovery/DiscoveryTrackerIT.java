package org.ilptorrent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.client.TrackerConnections;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.tracker.testing.EchoFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against our tracker server on 127.0.0.1: HTTP, UDP and WebSocket. */
class DiscoveryTrackerIT {
  private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private TrackerServer tracker;
  private TrackerConnections pool;
  private URI http;
  private URI udp;

  @BeforeEach
  void start() throws Exception {
    tracker = use(TrackerServer.builder().udpPort(0).start());
    pool = use(TrackerConnections.builder().build());
    http = tracker.httpAnnounceUri().orElseThrow();
    udp = tracker.udpAnnounceUri().orElseThrow();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    events.shutdown();
    assertThat(events.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private <T extends AutoCloseable> T use(T resource) {
    resources.add(resource);
    return resource;
  }

  private Discovery discovery(
      int port, List<URI> trackers, Recorder r, TrackerClientOptions.Builder tracker) {
    return use(
        Discovery.builder()
            .infoHash(HASH)
            .port(port)
            .announce(trackers)
            .trackerOptions(tracker.connections(pool).build())
            .listener(r)
            .eventExecutor(events)
            .build());
  }

  private void drain() throws Exception {
    events.submit(() -> {}).get(10, TimeUnit.SECONDS);
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Test
  void httpPeersArriveAsTrackerPeers() throws Exception {
    assertPeersMeetThrough(http, 7010, 7011);
  }

  @Test
  void udpPeersArriveAsTrackerPeers() throws Exception {
    assertPeersMeetThrough(udp, 7020, 7021);
  }

  private void assertPeersMeetThrough(URI trackerUri, int portA, int portB) throws Exception {
    Recorder ra = new Recorder();
    Discovery a = discovery(portA, List.of(trackerUri), ra, TrackerClientOptions.builder());
    a.update(0, 0, 0);
    a.start();
    ra.await(Recorder.Announced.class);

    Recorder rb = new Recorder();
    discovery(portB, List.of(trackerUri), rb, TrackerClientOptions.builder()).start();
    assertThat(rb.awaitPeer(loopback(portA)).source()).isEqualTo(PeerSource.TRACKER);
    assertThat(rb.await(Recorder.Announced.class).complete()).isEqualTo(1);

    a.update(0, 0, 0);
    assertThat(ra.awaitPeer(loopback(portB)).source()).isEqualTo(PeerSource.TRACKER);
  }

  @Test
  void onePeerNamedByTwoTrackersAndTheMagnetIsReportedOnce() throws Exception {
    Recorder ra = new Recorder();
    discovery(7030, List.of(http, udp), ra, TrackerClientOptions.builder()).start();
    ra.awaitMatch(Recorder.Announced.class, e -> e.tracker().equals(http));
    ra.awaitMatch(Recorder.Announced.class, e -> e.tracker().equals(udp));

    Recorder rb = new Recorder();
    MagnetUri magnet =
        MagnetUri.builder(HASH)
            .addTracker(http.toString())
            .addTracker(udp.toString())
            .addPeerAddress("127.0.0.1:7030")
            .build();
    Discovery b =
        use(
            Discovery.builder()
                .magnet(magnet)
                .port(7031)
                .listener(rb)
                .eventExecutor(events)
                .trackerOptions(TrackerClientOptions.builder().connections(pool).build())
                .build());
    assertThat(b.trackers()).containsExactly(http, udp);
    b.start();
    rb.awaitMatch(Recorder.Announced.class, e -> e.tracker().equals(http));
    rb.awaitMatch(Recorder.Announced.class, e -> e.tracker().equals(udp));
    drain();
    assertThat(rb.ofType(Recorder.Peer.class))
        .containsExactly(new Recorder.Peer(loopback(7030), PeerSource.MAGNET));
  }

  @Test
  void aFailingTrackerIsAWarningOfItsOwnAndTheOthersStillWork() throws Exception {
    URI dead = URI.create("http://127.0.0.1:" + TestEnvironment.freePort() + "/announce");
    URI unknown = URI.create("gopher://127.0.0.1:70/");
    Recorder ra = new Recorder();
    discovery(7040, List.of(http), ra, TrackerClientOptions.builder()).start();
    ra.await(Recorder.Announced.class);

    Recorder rb = new Recorder();
    discovery(7041, List.of(dead, unknown, http), rb, TrackerClientOptions.builder()).start();
    assertThat(rb.awaitPeer(loopback(7040)).source()).isEqualTo(PeerSource.TRACKER);
    rb.awaitMatch(Recorder.Warning.class, w -> w.source().equals(dead.toString()));
    rb.awaitMatch(Recorder.Warning.class, w -> w.source().equals(unknown.toString()));
    assertThat(rb.await(Recorder.Announced.class).tracker()).isEqualTo(http);
    drain();
    assertThat(rb.ofType(Recorder.Warning.class))
        .extracting(Recorder.Warning::source)
        .containsOnly(dead.toString(), unknown.toString());
  }

  @Test
  void setStatsReachesTheTrackerWithTheNextRegularAnnounce() throws Exception {
    // A 5 s interval gives WebSocket clients 1 s: both peers re-announce by themselves.
    TrackerServer quick =
        use(TrackerServer.builder().announceInterval(Duration.ofSeconds(5)).start());
    URI ws = quick.webSocketUri();
    Recorder ra = new Recorder();
    Discovery a = discovery(7060, List.of(ws), ra, TrackerClientOptions.builder());
    a.update(0, 0, 500);
    a.start();
    assertThat(ra.await(Recorder.Announced.class).incomplete()).isEqualTo(1);
    a.setStats(0, 500, 0);

    Recorder rb = new Recorder();
    discovery(7061, List.of(ws), rb, TrackerClientOptions.builder()).start();
    assertThat(rb.awaitMatch(Recorder.Announced.class, e -> e.complete() == 1).incomplete())
        .as("a's next regular announce said it has nothing left")
        .isEqualTo(1);
  }

  @Test
  void webSocketOffersReachTheOtherPeerAndTheAnswerComesBack() throws Exception {
    URI ws = tracker.webSocketUri();
    Recorder seeder = new Recorder();
    Discovery s =
        discovery(
            7050,
            List.of(ws),
            seeder,
            TrackerClientOptions.builder().offerFactory(new EchoFactory()));
    s.update(0, 0, 0);
    s.start();
    assertThat(seeder.await(Recorder.Announced.class).complete()).isEqualTo(1);

    Recorder leecher = new Recorder();
    Discovery l =
        discovery(
            7051,
            List.of(ws),
            leecher,
            TrackerClientOptions.builder().offerFactory(new EchoFactory()));
    l.start();
    ReceivedOffer offer = seeder.await(ReceivedOffer.class);
    assertThat(offer.from()).isEqualTo(l.peerId());
    ReceivedAnswer answer = leecher.await(ReceivedAnswer.class);
    assertThat(answer.offerId()).isEqualTo(offer.offerId());
    assertThat(answer.answer().sdp()).isEqualTo("answer-to-" + offer.offer().sdp());
    assertThat(pool.webSocketCount()).as("one socket per peer id").isEqualTo(2);

    l.stop().get(10, TimeUnit.SECONDS);
    s.stop().get(10, TimeUnit.SECONDS);
    l.close();
    s.close();
    Await.until(
        "the shared pool to close the unused sockets",
        Duration.ofSeconds(10),
        () -> pool.webSocketCount() == 0);
    assertThat(pool.webSocketCount()).as("the shared pool lets go of unused sockets").isZero();
  }
}
