package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.ilptorrent.tracker.client.TrackerClient;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.client.TrackerConnections;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.ilptorrent.tracker.testing.Resources;
import org.ilptorrent.tracker.testing.ScriptedHttpTracker;
import org.ilptorrent.tracker.testing.ScriptedHttpTracker.Reply;
import org.ilptorrent.tracker.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against our HTTP tracker and against scripted (some hostile) ones. */
class TrackerClientHttpIT {
  /** Bytes chosen to need escaping: 0x00, space, '%', '&', 0xFF, and unreserved ones. */
  private static final InfoHash HASH = InfoHash.fromHex("00202526ff2d2e5f7e41617a30390102030405ff");

  @RegisterExtension final Resources resources = new Resources();

  private TrackerClient client(URI tracker, RecordingListener listener, TrackerClient.Builder b) {
    return resources.use(b.infoHash(HASH).announce(List.of(tracker)).listener(listener).build());
  }

  @Test
  void peersFindEachOtherThroughOurTracker() throws Exception {
    TrackerServer tracker = resources.use(TrackerServer.builder().httpPort(0).start());
    URI announce = tracker.httpAnnounceUri().orElseThrow();
    RecordingListener seederEvents = new RecordingListener();
    client(
            announce,
            seederEvents,
            TrackerClient.builder()
                .port(7001)
                .options(TrackerClientOptions.builder().stats(AnnounceStats.seeding(0, 0)).build()))
        .start();
    RecordingListener.Announced first = seederEvents.await(RecordingListener.Announced.class);
    assertThat(first.complete()).isEqualTo(1);
    assertThat(first.interval()).isEqualTo(Duration.ofMinutes(10));

    RecordingListener leecherEvents = new RecordingListener();
    TrackerClient leecher = client(announce, leecherEvents, TrackerClient.builder().port(7002));
    leecher.start();
    RecordingListener.Peer peer = leecherEvents.await(RecordingListener.Peer.class);
    assertThat(peer.peer()).isEqualTo(new InetSocketAddress("127.0.0.1", 7001));
    assertThat(peer.tracker()).isEqualTo(announce);
    RecordingListener.Announced counts = leecherEvents.await(RecordingListener.Announced.class);
    assertThat(counts.complete()).isEqualTo(1);
    assertThat(counts.incomplete()).isEqualTo(1);

    leecher.scrape();
    RecordingListener.Scrape scrape = leecherEvents.await(RecordingListener.Scrape.class);
    assertThat(scrape.complete()).isEqualTo(1);
    assertThat(scrape.incomplete()).isEqualTo(1);

    leecher.stop().join();
    leecher.close();
    RecordingListener again = new RecordingListener();
    client(announce, again, TrackerClient.builder().port(7003)).start();
    assertThat(again.await(RecordingListener.Announced.class).incomplete())
        .as("stopped removed the leecher")
        .isEqualTo(1);
  }

  @Test
  void theQueryCarriesRawIdsStatsAndCredentials() throws Exception {
    ScriptedHttpTracker tracker = resources.use(new ScriptedHttpTracker());
    URI announce = URI.create(tracker.announce() + "?passkey=abc");
    RecordingListener events = new RecordingListener();
    PeerId peer = PeerId.fromHex("2d494a303130302d000102030405060708090aff");
    TrackerClient client =
        client(
            announce,
            events,
            TrackerClient.builder()
                .peerId(peer)
                .port(6999)
                .options(
                    TrackerClientOptions.builder()
                        .numwant(12)
                        .stats(new AnnounceStats(5, 6, 7))
                        .balanceId("b-1.x~y_z")
                        .seederToken("tok en")
                        .build()));
    client.start();
    events.await(RecordingListener.Announced.class);
    assertThat(tracker.paths).containsExactly("/announce");
    assertThat(tracker.queries.get(0))
        .isEqualTo(
            "passkey=abc"
                + "&info_hash=%00%20%25%26%FF-._~Aaz09%01%02%03%04%05%FF"
                + "&peer_id=-IJ0100-%00%01%02%03%04%05%06%07%08%09%0A%FF"
                + "&port=6999&uploaded=5&downloaded=6&left=7&compact=1&numwant=12"
                + "&event=started&requestId=b-1.x~y_z&seeder_token=tok%20en");
    client.complete();
    events.awaitCount(RecordingListener.Announced.class, 2);
    assertThat(tracker.queries.get(1)).contains("&left=0&").contains("&event=completed");
    client.stop().join();
    assertThat(tracker.queries.get(2)).contains("&numwant=0&event=stopped");
  }

  @Test
  void compactIpv6AndDictionaryPeersAreRead() throws Exception {
    ScriptedHttpTracker tracker = resources.use(new ScriptedHttpTracker());
    tracker.then(
        Reply.ok(
            "d8:completei2e10:incompletei3e8:intervali900e12:min intervali30e"
                + "5:peersld2:ip9:127.0.0.54:porti6000eed2:ip11:example.com4:porti1eee"
                + "6:peers618:"
                + "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\u001b\u0058"
                + "e"));
    RecordingListener events = new RecordingListener();
    client(tracker.announce(), events, TrackerClient.builder()).start();
    RecordingListener.Announced a = events.await(RecordingListener.Announced.class);
    assertThat(a.complete()).isEqualTo(2);
    assertThat(a.incomplete()).isEqualTo(3);
    assertThat(a.interval()).isEqualTo(Duration.ofSeconds(900));
    List<RecordingListener.Peer> peers = events.awaitCount(RecordingListener.Peer.class, 2);
    assertThat(peers)
        .extracting(RecordingListener.Peer::peer)
        .containsExactly(
            new InetSocketAddress("127.0.0.5", 6000), new InetSocketAddress("::1", 7000));
  }

  @Test
  void reannouncesAtTheTrackersInterval() throws Exception {
    ScriptedHttpTracker tracker = resources.use(new ScriptedHttpTracker());
    tracker.then(Reply.ok("d8:intervali1e5:peers0:e"));
    RecordingListener events = new RecordingListener();
    client(tracker.announce(), events, TrackerClient.builder()).start();
    events.awaitCount(RecordingListener.Announced.class, 3);
    assertThat(tracker.queries.get(0)).contains("&event=started");
    assertThat(tracker.queries.get(2)).doesNotContain("event=");
  }

  @Test
  void aTrackerIdIsSentBackUntilAnotherReplacesIt() throws Exception {
    ScriptedHttpTracker tracker = resources.use(new ScriptedHttpTracker());
    tracker.then(
        Reply.ok("d8:intervali60e5:peers0:10:tracker id3:t&1e"),
        Reply.ok("d8:intervali60e5:peers0:e"),
        Reply.ok("d8:intervali60e5:peers0:10:tracker id2:t2e"),
        Reply.ok("d8:intervali60e5:peers0:e"));
    RecordingListener events = new RecordingListener();
    TrackerClient client = client(tracker.announce(), events, TrackerClient.builder());
    client.start();
    for (int i = 2; i <= 4; i++) {
      events.awaitCount(RecordingListener.Announced.class, i - 1);
      client.update();
    }
    events.awaitCount(RecordingListener.Announced.class, 4);
    assertThat(tracker.queries.get(0)).doesNotContain("trackerid");
    assertThat(tracker.queries.get(1)).endsWith("&trackerid=t%261");
    assertThat(tracker.queries.get(2)).endsWith("&trackerid=t%261");
    assertThat(tracker.queries.get(3)).endsWith("&trackerid=t2");
  }

  @Test
  void minIntervalHoldsBackEarlyUpdates() throws Exception {
    ScriptedHttpTracker tracker = resources.use(new ScriptedHttpTracker());
    tracker.then(Reply.ok("d8:intervali60e12:min intervali3600e5:peers0:e"));
    TestClock clock = new TestClock();
    TrackerConnections pool = resources.use(TrackerConnections.builder().clock(clock).build());
    RecordingListener events = new RecordingListener();
    TrackerClient client =
        client(
            tracker.announce(),
            events,
            TrackerClient.builder()
                .options(TrackerClientOptions.builder().connections(pool).build()));
    client.start();
    events.await(RecordingListener.Announced.class);
    client.update(new AnnounceStats(111, 0, 5));
    clock.advance(Duration.ofSeconds(3601));
    client.update(new AnnounceStats(222, 0, 5));
    events.awaitCount(RecordingListener.Announced.class, 2);
    assertThat(tracker.queries).hasSize(2);
    assertThat(tracker.queries.get(1)).contains("uploaded=222").doesNotContain("event=");
  }

  @Test
  void hostileAnswersAreWarningsAndTheClientCarriesOn() throws Exception {
    ScriptedHttpTracker tracker = resources.use(new ScriptedHttpTracker());
    byte[] huge = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'x');
    tracker.then(
        Reply.ok("d8:intervali60e5:peers0:e"),
        Reply.ok("d8:intervali60e5:peers9:abc"),
        Reply.ok("d8:intervali60e5:peers0:ee"),
        Reply.ok("d8:intervali060e5:peers0:e"),
        Reply.ok("d14:failure reason4:nopee"),
        Reply.ok("d14:failure reason16:payment required7:licensed6:amount2:-1ee"),
        Reply.ok("d8:intervali60e5:peers5:abcdee"),
        Reply.ok("le"),
        new Reply(200, huge, 0),
        new Reply(500, new byte[0], 0),
        new Reply(302, new byte[0], 0),
        new Reply(200, "d8:intervali60e5:peers0:e".getBytes(), 3000),
        Reply.ok("d8:completei9e8:intervali60e5:peers0:e"));
    TrackerConnections pool =
        resources.use(TrackerConnections.builder().requestTimeout(Duration.ofMillis(500)).build());
    RecordingListener events = new RecordingListener();
    TrackerClient client =
        client(
            tracker.announce(),
            events,
            TrackerClient.builder()
                .options(TrackerClientOptions.builder().connections(pool).build()));
    client.start();
    events.await(RecordingListener.Announced.class);
    String[] expected = {
      "unreadable tracker answer: peers: truncated: string of 9 bytes runs past the end (at byte 22)",
      "unreadable tracker answer: 1 trailing bytes after the value (at byte 25)",
      "unreadable tracker answer: interval: integer has a leading zero (at byte 11)",
      "tracker failure: nope",
      "payment required, but the licence is unreadable",
      "unreadable tracker answer: compact peers",
      "unreadable tracker answer: the answer is not a dictionary",
      "unreachable: tracker answer larger than 1048576 bytes",
      "unreachable: HTTP status 500",
      "unreachable: HTTP status 302",
      "unreachable: request timed out",
    };
    for (int i = 0; i < expected.length; i++) {
      client.update();
      List<RecordingListener.Warning> warnings =
          events.awaitCount(RecordingListener.Warning.class, i + 1);
      assertThat(warnings.get(i).message()).startsWith(expected[i]);
    }
    client.update();
    assertThat(events.awaitCount(RecordingListener.Announced.class, 2).get(1).complete())
        .isEqualTo(9);
    assertThat(events.ofType(RecordingListener.Error.class)).isEmpty();
  }

  @Test
  void unreachableTrackersAndUnknownSchemesAreWarnings() throws Exception {
    int port = org.ilptorrent.fixtures.TestEnvironment.freePort();
    URI dead = URI.create("http://127.0.0.1:" + port + "/announce");
    URI odd = URI.create("gopher://127.0.0.1/announce");
    RecordingListener events = new RecordingListener();
    TrackerClient client =
        resources.use(
            TrackerClient.builder()
                .infoHash(HASH)
                .announce(List.of(dead, odd))
                .listener(events)
                .build());
    client.start();
    assertThat(
            events
                .awaitMatch(RecordingListener.Warning.class, w -> w.tracker().equals(odd))
                .message())
        .isEqualTo("unsupported tracker scheme gopher");
    assertThat(
            events
                .awaitMatch(RecordingListener.Warning.class, w -> w.tracker().equals(dead))
                .message())
        .isEqualTo("unreachable: connection refused");
    client.scrape();
    events.awaitMatch(
        RecordingListener.Warning.class, w -> w.message().startsWith("scrape unreachable"));
  }
}
