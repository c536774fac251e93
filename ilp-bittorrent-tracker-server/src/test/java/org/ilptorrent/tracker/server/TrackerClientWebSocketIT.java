package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.ilptorrent.tracker.client.OfferFactory;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.SessionDescription;
import org.ilptorrent.tracker.client.TrackerClient;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.client.TrackerConnections;
import org.ilptorrent.tracker.testing.EchoFactory;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.ilptorrent.tracker.testing.Resources;
import org.ilptorrent.tracker.testing.ScriptedWsTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against our WebSocket tracker and against scripted (some hostile) ones. */
class TrackerClientWebSocketIT {
  private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
  private static final InfoHash OTHER =
      InfoHash.fromHex("89abcdef0123456789abcdef0123456789abcdef");

  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension final Resources resources = new Resources();

  private TrackerClient client(
      URI tracker, InfoHash hash, RecordingListener listener, TrackerClient.Builder extra) {
    return resources.use(
        extra.infoHash(hash).announce(List.of(tracker)).listener(listener).build());
  }

  /** A started client. */
  private TrackerClient started(
      URI tracker, InfoHash hash, RecordingListener listener, TrackerClient.Builder extra) {
    TrackerClient client = client(tracker, hash, listener, extra);
    client.start();
    return client;
  }

  /** A started client for {@link #HASH}, once the tracker has answered its first announce. */
  private TrackerClient announced(
      URI tracker, RecordingListener listener, TrackerClient.Builder extra) throws Exception {
    TrackerClient client = started(tracker, HASH, listener, extra);
    listener.await(RecordingListener.Announced.class);
    return client;
  }

  /** Our tracker on a free port. */
  private TrackerServer ourTracker() throws Exception {
    return resources.use(TrackerServer.builder().start());
  }

  /** A scripted tracker that answers every announce with these counts. */
  private ScriptedWsTracker scripted(int complete, int incomplete) throws Exception {
    return resources.use(
        new ScriptedWsTracker(
            (c, m) -> List.of(ScriptedWsTracker.announced(m, complete, incomplete))));
  }

  /** A client builder with these options. */
  private static TrackerClient.Builder with(TrackerClientOptions.Builder options) {
    return TrackerClient.builder().options(options.build());
  }

  /** A client builder for a client of {@code pool}. */
  private static TrackerClient.Builder pooled(TrackerConnections pool) {
    return with(TrackerClientOptions.builder().connections(pool));
  }

  /** A client builder for a client of {@code pool} with the peer id {@code peer}. */
  private static TrackerClient.Builder pooled(TrackerConnections pool, PeerId peer) {
    return pooled(pool).peerId(peer);
  }

  /** A seeder's options. */
  private static TrackerClientOptions.Builder seeding() {
    return TrackerClientOptions.builder().stats(AnnounceStats.seeding(0, 0));
  }

  /** A seeder's options that answer offers with {@link EchoFactory}. */
  private static TrackerClientOptions.Builder seedingWithEcho() {
    return seeding().offerFactory(new EchoFactory());
  }

  /** A leecher's options that make {@code offers} offers with {@link EchoFactory}. */
  private static TrackerClientOptions.Builder leechingWithEcho(int offers) {
    return TrackerClientOptions.builder().offerFactory(new EchoFactory()).maxOffers(offers);
  }

  /**
   * Two clients of one pool and one peer id, for {@link #HASH} (events to {@code a}) and {@link
   * #OTHER} (to {@code b}), once the tracker has answered both.
   */
  private List<TrackerClient> oneSocketTwoTorrents(
      URI tracker, TrackerConnections pool, RecordingListener a, RecordingListener b) {
    PeerId peer = PeerId.random();
    TrackerClient first = started(tracker, HASH, a, pooled(pool, peer));
    TrackerClient second = started(tracker, OTHER, b, pooled(pool, peer));
    a.await(RecordingListener.Announced.class);
    b.await(RecordingListener.Announced.class);
    return List.of(first, second);
  }

  @Test
  void offersReachAPeerAndItsAnswerComesBack() throws Exception {
    TrackerServer tracker = ourTracker();
    RecordingListener seederEvents = new RecordingListener();
    TrackerClient seeder =
        started(tracker.webSocketUri(), HASH, seederEvents, with(seedingWithEcho()));
    assertThat(seederEvents.await(RecordingListener.Announced.class).complete()).isEqualTo(1);

    RecordingListener leecherEvents = new RecordingListener();
    TrackerClient leecher =
        started(tracker.webSocketUri(), HASH, leecherEvents, with(leechingWithEcho(3)));

    ReceivedOffer offer = seederEvents.await(ReceivedOffer.class);
    assertThat(offer.from()).isEqualTo(leecher.peerId());
    assertThat(offer.infoHash()).isEqualTo(HASH);
    assertThat(offer.offer().sdp()).isEqualTo("offer-0");
    ReceivedAnswer answer = leecherEvents.await(ReceivedAnswer.class);
    assertThat(answer.from()).isEqualTo(seeder.peerId());
    assertThat(answer.offerId()).isEqualTo(offer.offerId());
    assertThat(answer.answer()).isEqualTo(SessionDescription.answer("answer-to-offer-0"));
    RecordingListener.Announced counts = leecherEvents.await(RecordingListener.Announced.class);
    assertThat(counts.complete()).isEqualTo(1);
    assertThat(counts.incomplete()).isEqualTo(1);
    assertThat(counts.interval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(seederEvents.threads()).allMatch(t -> t.startsWith("ilp-tracker-client-events"));
  }

  @Test
  void theListenerCanAnswerWithoutAFactory() throws Exception {
    TrackerServer tracker = ourTracker();
    RecordingListener seederEvents = new RecordingListener();
    TrackerClient seeder = announced(tracker.webSocketUri(), seederEvents, with(seeding()));
    RecordingListener leecherEvents = new RecordingListener();
    started(tracker.webSocketUri(), HASH, leecherEvents, with(leechingWithEcho(1)));
    ReceivedOffer offer = seederEvents.await(ReceivedOffer.class);
    seeder.answer(offer, SessionDescription.answer("by hand"));
    assertThat(leecherEvents.await(ReceivedAnswer.class).answer().sdp()).isEqualTo("by hand");
  }

  @Test
  void withoutAFactoryAnnouncesCarryNoOffers() throws Exception {
    ScriptedWsTracker tracker = scripted(0, 1);
    RecordingListener events = new RecordingListener();
    PeerId peer = PeerId.random();
    TrackerClient client =
        announced(
            tracker.uri(),
            events,
            with(TrackerClientOptions.builder()
                    .numwant(7)
                    .stats(new AnnounceStats(1, 2, 3))
                    .balanceId("balance-1"))
                .peerId(peer));
    JsonNode sent = tracker.received.take();
    assertThat(sent.path("action").asText()).isEqualTo("announce");
    assertThat(sent.path("event").asText()).isEqualTo("started");
    assertThat(sent.path("numwant").asInt()).isEqualTo(7);
    assertThat(sent.path("uploaded").asLong()).isEqualTo(1);
    assertThat(sent.path("downloaded").asLong()).isEqualTo(2);
    assertThat(sent.path("left").asLong()).isEqualTo(3);
    assertThat(sent.path("requestId").asText()).isEqualTo("balance-1");
    assertThat(sent.has("offers")).isFalse();
    assertThat(binaryBytes(sent.path("info_hash").asText())).isEqualTo(HASH.toBytes());
    assertThat(binaryBytes(sent.path("peer_id").asText())).isEqualTo(peer.toBytes());

    client.update(new AnnounceStats(10, 20, 0));
    events.awaitCount(RecordingListener.Announced.class, 2);
    JsonNode update = tracker.received.take();
    assertThat(update.has("event")).as("a regular announce names no event").isFalse();
    assertThat(update.path("left").asLong()).isZero();
    client.complete();
    events.awaitCount(RecordingListener.Announced.class, 3);
    assertThat(tracker.received.take().path("event").asText()).isEqualTo("completed");
  }

  @Test
  void aFailingOfferFactoryMeansAnAnnounceWithoutOffers() throws Exception {
    ScriptedWsTracker tracker = scripted(0, 1);
    RecordingListener events = new RecordingListener();
    OfferFactory broken =
        count -> {
          throw new IllegalStateException("no WebRTC here");
        };
    announced(tracker.uri(), events, with(TrackerClientOptions.builder().offerFactory(broken)));
    assertThat(events.await(RecordingListener.Warning.class).message())
        .isEqualTo("the offer factory failed; announcing without offers");
    assertThat(tracker.received.take().has("offers")).isFalse();
  }

  @Test
  void twoClientsOfOnePeerForOneTorrentOnOnePoolAreAWarning() throws Exception {
    TrackerServer tracker = ourTracker();
    TrackerConnections pool = resources.use(TrackerConnections.builder().build());
    PeerId peer = PeerId.random();
    RecordingListener first = new RecordingListener();
    RecordingListener second = new RecordingListener();
    announced(tracker.webSocketUri(), first, pooled(pool, peer));
    started(tracker.webSocketUri(), HASH, second, pooled(pool, peer));
    assertThat(second.await(RecordingListener.Warning.class).message())
        .isEqualTo("another client of this pool announces this torrent");
    assertThat(pool.webSocketCount()).isEqualTo(1);
  }

  @Test
  void aTrackerIdIsSentBack() throws Exception {
    ScriptedWsTracker tracker =
        resources.use(
            new ScriptedWsTracker(
                (c, m) ->
                    List.of(
                        ScriptedWsTracker.announced(m, 0, 1)
                            .replace("\"interval\"", "\"tracker id\":\"abc\",\"interval\""))));
    RecordingListener events = new RecordingListener();
    TrackerClient client = announced(tracker.uri(), events, TrackerClient.builder());
    assertThat(tracker.received.take().has("trackerid")).isFalse();
    client.update();
    events.awaitCount(RecordingListener.Announced.class, 2);
    assertThat(tracker.received.take().path("trackerid").asText()).isEqualTo("abc");
  }

  @Test
  void manySequentialRoundTripsAllComplete() throws Exception {
    TrackerServer tracker = ourTracker();
    RecordingListener events = new RecordingListener();
    TrackerClient client = started(tracker.webSocketUri(), HASH, events, TrackerClient.builder());
    events.awaitCount(RecordingListener.Announced.class, 1);
    for (int i = 2; i <= 300; i++) {
      client.update();
      events.awaitCount(RecordingListener.Announced.class, i);
    }
    assertThat(events.ofType(RecordingListener.Warning.class)).isEmpty();
  }

  @Test
  void reannouncesAtTheTrackersInterval() throws Exception {
    // A WebSocket client gets a fifth of the announce interval: one second here.
    TrackerServer tracker =
        resources.use(TrackerServer.builder().announceInterval(Duration.ofSeconds(5)).start());
    RecordingListener events = new RecordingListener();
    started(tracker.webSocketUri(), HASH, events, TrackerClient.builder());
    List<RecordingListener.Announced> announces =
        events.awaitCount(RecordingListener.Announced.class, 3);
    assertThat(announces.get(0).interval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void threadsAreNamedDaemonsAndCloseEndsThem() throws Exception {
    TrackerServer tracker = resources.use(TrackerServer.builder().httpPort(0).start());
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    RecordingListener events = new RecordingListener();
    TrackerClient client =
        TrackerClient.builder()
            .infoHash(HASH)
            .announce(
                List.of(
                    tracker.webSocketUri(),
                    tracker.httpAnnounceUri().orElseThrow(),
                    URI.create(
                        "udp://127.0.0.1:" + org.ilptorrent.fixtures.TestEnvironment.freePort())))
            .listener(events)
            .build();
    client.start();
    events.awaitCount(RecordingListener.Announced.class, 2);
    // The UDP socket opens once the tracker's name is resolved, on an I/O thread.
    Await.until(
        "the UDP I/O thread",
        WAIT,
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("ilp-tracker-client-udp-")));
    List<Thread> ours =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t))
            .filter(t -> !t.getName().startsWith("ilp-tracker-http"))
            .filter(t -> !t.getName().startsWith("WebSocketWorker"))
            // Threads of earlier tests' teardown may still be ending: no stack any more.
            .filter(t -> t.isAlive() && t.getStackTrace().length > 0)
            .toList();
    assertThat(ours).isNotEmpty().allMatch(Thread::isDaemon, "daemon");
    assertThat(ours)
        .extracting(Thread::getName)
        .allMatch(
            n ->
                n.startsWith("ilp-tracker-client-")
                    || n.startsWith("WebSocketWriteThread-")
                    || n.startsWith("connectionLostChecker-")
                    || n.startsWith("HttpClient-"),
            "named")
        .anyMatch(n -> n.startsWith("ilp-tracker-client-ws-"))
        .anyMatch(n -> n.startsWith("ilp-tracker-client-udp-"))
        .anyMatch(n -> n.startsWith("ilp-tracker-client-events-"));
    client.close();
    Await.until(
        "the client's threads to end",
        WAIT,
        () ->
            ours.stream()
                .filter(t -> !t.getName().startsWith("HttpClient-"))
                .noneMatch(Thread::isAlive));
  }

  @Test
  void scrapeCountsTheSwarm() throws Exception {
    TrackerServer tracker = ourTracker();
    RecordingListener events = new RecordingListener();
    TrackerClient client = announced(tracker.webSocketUri(), events, with(seeding()));
    client.scrape();
    RecordingListener.Scrape scrape = events.await(RecordingListener.Scrape.class);
    assertThat(scrape.complete()).isEqualTo(1);
    assertThat(scrape.incomplete()).isZero();
    assertThat(scrape.tracker()).isEqualTo(tracker.webSocketUri());
  }

  @Test
  void clientsOfOnePoolShareOneSocketUntilTheLastLeaves() throws Exception {
    ScriptedWsTracker tracker = scripted(1, 0);
    TrackerConnections pool = resources.use(TrackerConnections.builder().build());
    RecordingListener a = new RecordingListener();
    RecordingListener b = new RecordingListener();
    List<TrackerClient> clients = oneSocketTwoTorrents(tracker.uri(), pool, a, b);
    TrackerClient first = clients.get(0);
    TrackerClient second = clients.get(1);
    assertThat(tracker.opened.get()).isEqualTo(1);
    assertThat(pool.webSocketCount()).isEqualTo(1);

    first.stop().join();
    assertThat(pool.webSocketCount()).isEqualTo(1);
    second.update();
    b.awaitCount(RecordingListener.Announced.class, 2);
    second.stop().join();
    assertThat(pool.webSocketCount()).isZero();
    Await.until(
        "the tracker to see the socket close", WAIT, () -> tracker.closedConnections.get() == 1);
    assertThat(tracker.opened.get()).isEqualTo(1);
  }

  @Test
  void ourTrackerCountsOneConnectionForTwoTorrentsOfOnePool() throws Exception {
    TrackerServer tracker = ourTracker();
    TrackerConnections pool = resources.use(TrackerConnections.builder().build());
    oneSocketTwoTorrents(
        tracker.webSocketUri(), pool, new RecordingListener(), new RecordingListener());
    assertThat(tracker.stats().torrents()).isEqualTo(2);
    assertThat(tracker.stats().connections()).isEqualTo(1);
  }

  @Test
  void clientsWithDifferentPeerIdsGetTheirOwnSockets() throws Exception {
    TrackerServer tracker = ourTracker();
    TrackerConnections pool = resources.use(TrackerConnections.builder().build());
    RecordingListener a = new RecordingListener();
    RecordingListener b = new RecordingListener();
    started(tracker.webSocketUri(), HASH, a, pooled(pool));
    started(tracker.webSocketUri(), HASH, b, pooled(pool));
    a.await(RecordingListener.Announced.class);
    assertThat(b.await(RecordingListener.Announced.class).incomplete()).isGreaterThanOrEqualTo(1);
    assertThat(pool.webSocketCount()).isEqualTo(2);
    assertThat(a.ofType(RecordingListener.Warning.class)).isEmpty();
  }

  @Test
  void reconnectsAfterTheTrackerRestartsOnTheSamePort() throws Exception {
    TrackerServer first = TrackerServer.builder().start();
    int port = first.port();
    TrackerConnections pool =
        resources.use(
            TrackerConnections.builder()
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .build());
    RecordingListener events = new RecordingListener();
    RecordingListener other = new RecordingListener();
    oneSocketTwoTorrents(first.webSocketUri(), pool, events, other);
    first.close();
    events.awaitMatch(
        RecordingListener.Warning.class, w -> w.message().contains("connection lost"));
    other.awaitMatch(RecordingListener.Warning.class, w -> w.message().contains("connection lost"));

    TrackerServer second = resources.use(TrackerServer.builder().port(port).start());
    events.awaitCount(RecordingListener.Announced.class, 2);
    other.awaitCount(RecordingListener.Announced.class, 2);
    Await.until("both torrents at the restarted tracker", WAIT, () -> second.torrentCount() == 2);
    assertThat(pool.webSocketCount()).isEqualTo(1);
  }

  @Test
  void hostileAnswersAreWarningsAndTheClientCarriesOn() throws Exception {
    StringBuilder huge = new StringBuilder("{\"action\":\"announce\",\"x\":\"");
    huge.append("x".repeat(200_000)).append("\"}");
    int[] connection = {0};
    ScriptedWsTracker tracker =
        resources.use(
            new ScriptedWsTracker(
                (c, m) -> {
                  int message = ++connection[0];
                  if (message == 2) {
                    // Alone: frames read in one go with an oversized one are dropped with it.
                    return List.of(huge.toString());
                  }
                  if (message > 2) {
                    return List.of(ScriptedWsTracker.announced(m, 3, 4));
                  }
                  String hash =
                      new com.fasterxml.jackson.databind.ObjectMapper()
                          .createObjectNode()
                          .put("h", m.path("info_hash").asText())
                          .toString();
                  String quotedHash = hash.substring(5, hash.length() - 1);
                  c.send(new byte[] {1, 2, 3});
                  return List.of(
                      "not json at all",
                      "[1,2,3]",
                      "{\"action\":\"announce\",\"info_hash\":"
                          + quotedHash
                          + ",\"offer\":{\"bad\":1},\"offer_id\":7}",
                      "{\"action\":\"announce\",\"info_hash\":"
                          + quotedHash
                          + ",\"failure reason\":\"nope\\u0007\"}",
                      "{\"action\":\"announce\",\"info_hash\":"
                          + quotedHash
                          + ",\"failure reason\":\"payment required\",\"license\":{\"amount\":-1}}");
                }));
    TrackerConnections pool =
        resources.use(
            TrackerConnections.builder()
                .maxResponseBytes(64 * 1024)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .build());
    RecordingListener events = new RecordingListener();
    TrackerClient client = started(tracker.uri(), HASH, events, pooled(pool));

    events.awaitMatch(
        RecordingListener.Warning.class,
        w -> w.message().equals("unreadable message from the tracker"));
    events.awaitMatch(
        RecordingListener.Warning.class,
        w -> w.message().equals("unreadable offer from the tracker"));
    events.awaitMatch(
        RecordingListener.Warning.class, w -> w.message().equals("tracker failure: nope?"));
    events.awaitMatch(
        RecordingListener.Warning.class, w -> w.message().contains("licence is unreadable"));
    client.update();
    events.awaitMatch(
        RecordingListener.Warning.class, w -> w.message().contains("connection lost"));
    RecordingListener.Announced after = events.await(RecordingListener.Announced.class);
    assertThat(after.complete()).isEqualTo(3);
    assertThat(tracker.opened.get()).isEqualTo(2);
    assertThat(events.ofType(RecordingListener.PaymentRequired.class)).isEmpty();
    assertThat(events.ofType(RecordingListener.Error.class)).isEmpty();
  }

  @Test
  void anUnreachableTrackerIsAWarning() throws Exception {
    int port = org.ilptorrent.fixtures.TestEnvironment.freePort();
    RecordingListener events = new RecordingListener();
    TrackerConnections pool =
        resources.use(
            TrackerConnections.builder()
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(100))
                .build());
    started(URI.create("ws://127.0.0.1:" + port), HASH, events, pooled(pool));
    events.awaitCount(RecordingListener.Warning.class, 2);
    assertThat(events.ofType(RecordingListener.Error.class)).isEmpty();
  }

  static byte[] binaryBytes(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }
}
