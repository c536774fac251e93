package org.ilptorrent.tracker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.ilptorrent.tracker.testing.Resources;
import org.ilptorrent.tracker.testing.ScriptedUdpTracker;
import org.ilptorrent.tracker.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The UDP client (BEP 15) against a scripted responder: every request is checked against an
 * annotated byte table, and the replies are fixed bytes, some of them hostile.
 */
class TrackerClientUdpIT {
  private static final String HASH_HEX = "0123456789abcdef0123456789abcdef01234567";
  private static final InfoHash HASH = InfoHash.fromHex(HASH_HEX);
  private static final String PEER_HEX = "2d494a303130302d6162636465666768696a6b6c";
  private static final PeerId PEER = PeerId.fromHex(PEER_HEX);
  private static final String CONNECTION_ID = "1122334455667788";

  private static final String CONNECT =
      ScriptedUdpTracker.table(
          "0000041727101980 // protocol_id: the BEP 15 magic",
          "00000000         // action: connect",
          "........         // transaction_id: any");
  private static final String CONNECTED =
      ScriptedUdpTracker.table(
          "00000000         // action: connect",
          "TXID             // transaction_id: echoed",
          CONNECTION_ID + " // connection_id");

  /** An announce of {@link #HASH} by {@link #PEER}, with stats 1/2/3 and the given event. */
  private static String announce(String event) {
    return announce(event, "00000032");
  }

  private static String announce(String event, String numwant) {
    return ScriptedUdpTracker.table(
        CONNECTION_ID + "     // connection_id from the connect reply",
        "00000001             // action: announce",
        "........             // transaction_id: any",
        HASH_HEX + "          // info_hash",
        PEER_HEX + "          // peer_id",
        "0000000000000002     // downloaded",
        "0000000000000003     // left",
        "0000000000000001     // uploaded",
        event + "             // event: 0 none, 1 completed, 2 started, 3 stopped",
        "00000000             // ip: the sender's",
        "........             // key: random per session",
        numwant + "           // num_want: 50, or 0 when stopping",
        "1ae1                 // port: 6881");
  }

  private static final String ANNOUNCED =
      ScriptedUdpTracker.table(
          "00000001 // action: announce",
          "TXID     // transaction_id",
          "00000708 // interval: 1800 s",
          "00000001 // leechers",
          "00000002 // seeders",
          "0a000001 1ae1 // peer 10.0.0.1:6881",
          "0a000002 1ae2 // peer 10.0.0.2:6882");

  @RegisterExtension final Resources resources = new Resources();

  private TrackerClient client(
      URI tracker, RecordingListener events, TrackerClientOptions.Builder options) {
    return resources.use(
        TrackerClient.builder()
            .infoHash(HASH)
            .peerId(PEER)
            .options(options.stats(new AnnounceStats(1, 2, 3)).build())
            .announce(List.of(tracker))
            .listener(events)
            .build());
  }

  /**
   * Checks that the started {@code client}'s announce, then each {@link TrackerClient#update()},
   * ends in the next of the {@code expected} warnings.
   */
  private static void warningsOfEachAnnounce(
      TrackerClient client, RecordingListener events, String... expected) {
    for (int i = 0; i < expected.length; i++) {
      if (i > 0) {
        client.update();
      }
      assertThat(events.awaitCount(RecordingListener.Warning.class, i + 1).get(i).message())
          .isEqualTo(expected[i]);
    }
  }

  @Test
  void connectsAnnouncesReusesTheConnectionIdAndScrapes() throws Exception {
    ScriptedUdpTracker tracker = resources.use(new ScriptedUdpTracker());
    tracker.expect(
        CONNECT,
        "00000000 deadbeef 9999999999999999".replace(" ", ""), // another transaction: ignored
        "0102", // too short to be a reply: ignored
        CONNECTED);
    tracker.expect(announce("00000002"), ANNOUNCED);
    tracker.expect(announce("00000000"), ANNOUNCED);
    tracker.expect(
        ScriptedUdpTracker.table(
            CONNECTION_ID + " // connection_id, reused",
            "00000002         // action: scrape",
            "........         // transaction_id",
            HASH_HEX + "      // info_hash"),
        ScriptedUdpTracker.table(
            "00000002 // action: scrape",
            "TXID",
            "00000005 // seeders",
            "00000006 // completed",
            "00000007 // leechers"));
    RecordingListener events = new RecordingListener();
    URI uri = tracker.uri("");
    TrackerClient client = client(uri, events, TrackerClientOptions.builder());
    client.start();

    RecordingListener.Announced a = events.await(RecordingListener.Announced.class);
    assertThat(a).isEqualTo(new RecordingListener.Announced(uri, 2, 1, Duration.ofSeconds(1800)));
    assertThat(events.awaitCount(RecordingListener.Peer.class, 2))
        .extracting(RecordingListener.Peer::peer)
        .containsExactly(
            new InetSocketAddress("10.0.0.1", 6881), new InetSocketAddress("10.0.0.2", 6882));
    client.update();
    events.awaitCount(RecordingListener.Announced.class, 2);
    client.scrape();
    assertThat(events.await(RecordingListener.Scrape.class))
        .isEqualTo(new RecordingListener.Scrape(uri, 5, 7, 6));
    tracker.expect(announce("00000003", "00000000"), ANNOUNCED);
    client.stop().get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(tracker.failures).isEmpty();
    assertThat(events.ofType(RecordingListener.Warning.class)).isEmpty();
  }

  @Test
  void aConnectionIdIsReusedForAMinuteOnly() throws Exception {
    ScriptedUdpTracker tracker = resources.use(new ScriptedUdpTracker());
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(announce("00000002"), ANNOUNCED);
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(announce("00000000"), ANNOUNCED);
    TestClock clock = new TestClock();
    TrackerConnections pool = resources.use(TrackerConnections.builder().clock(clock).build());
    RecordingListener events = new RecordingListener();
    TrackerClient client =
        client(tracker.uri(""), events, TrackerClientOptions.builder().connections(pool));
    client.start();
    events.await(RecordingListener.Announced.class);
    clock.advance(Duration.ofSeconds(61));
    client.update();
    events.awaitCount(RecordingListener.Announced.class, 2);
    assertThat(tracker.failures).isEmpty();
  }

  @Test
  void anErrorToACachedConnectionIdIsRetriedOnceWithAFreshOne() throws Exception {
    ScriptedUdpTracker tracker = resources.use(new ScriptedUdpTracker());
    String invalid =
        HexFormat.of().formatHex("invalid connection id".getBytes(StandardCharsets.UTF_8));
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(announce("00000002"), ANNOUNCED);
    // The tracker restarted: it no longer knows the id, so the client connects again at once.
    tracker.expect(announce("00000000"), "00000003TXID" + invalid);
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(announce("00000000"), ANNOUNCED);
    RecordingListener events = new RecordingListener();
    TrackerClient client = client(tracker.uri(""), events, TrackerClientOptions.builder());
    client.start();
    events.await(RecordingListener.Announced.class);
    client.update();
    events.awaitCount(RecordingListener.Announced.class, 2);
    assertThat(tracker.failures).isEmpty();
    assertThat(events.ofType(RecordingListener.Warning.class)).isEmpty();
  }

  @Test
  void errorsTruncatedRepliesAndSilenceAreWarnings() throws Exception {
    ScriptedUdpTracker tracker = resources.use(new ScriptedUdpTracker());
    String goAway = HexFormat.of().formatHex("go away".getBytes(StandardCharsets.UTF_8));
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(announce("00000002"), "00000003" + "TXID" + goAway);
    // After an error the connection id is not trusted any more.
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(announce("00000002"), "00000001TXID0000");
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(announce("00000002"), "00000001TXID000007080000000100000002" + "0a00000101");
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(announce("00000002")); // no answer at all
    TrackerConnections pool =
        resources.use(
            TrackerConnections.builder().udpRetransmit(Duration.ofMillis(100), 2).build());
    RecordingListener events = new RecordingListener();
    TrackerClient client =
        client(tracker.uri(""), events, TrackerClientOptions.builder().connections(pool));
    client.start();
    warningsOfEachAnnounce(
        client,
        events,
        "tracker failure: go away",
        "truncated reply: 10 bytes, expected at least 20",
        "compact peers: 5 bytes is not a multiple of 6",
        "unreachable: no answer after 3 tries");
    assertThat(tracker.failures).isEmpty();
    assertThat(tracker.retransmissions()).isEqualTo(2);
    assertThat(events.ofType(RecordingListener.Announced.class)).isEmpty();
    assertThat(events.ofType(RecordingListener.Error.class)).isEmpty();
  }

  @Test
  void eightByteRepliesAreRefusalsWithoutAReason() throws Exception {
    ScriptedUdpTracker tracker = resources.use(new ScriptedUdpTracker());
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(
        announce("00000002"),
        ScriptedUdpTracker.table(
            "00000001 // action: announce, and nothing after the header:",
            "TXID     // opentracker's answer for a torrent off its whitelist"));
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(
        announce("00000002"),
        ScriptedUdpTracker.table(
            "00000003 // action: error", "TXID     // transaction_id, and an empty message"));
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(
        announce("00000002"),
        ScriptedUdpTracker.table(
            "00000003 // action: error",
            "TXID     // transaction_id",
            HexFormat.of().formatHex("not here".getBytes(StandardCharsets.US_ASCII))
                + " // message",
            "00       // the NUL opentracker ends its messages with"));
    // Until an announce succeeds, each one is a "started" one.
    RecordingListener events = new RecordingListener();
    TrackerClient client = client(tracker.uri(""), events, TrackerClientOptions.builder());
    client.start();
    warningsOfEachAnnounce(
        client,
        events,
        "tracker failure: refused without a reason",
        "tracker failure: refused without a reason",
        "tracker failure: not here");
    assertThat(tracker.failures).isEmpty();
    assertThat(events.ofType(RecordingListener.Announced.class)).isEmpty();
    assertThat(events.ofType(RecordingListener.Error.class)).isEmpty();
  }

  @Test
  void urlDataCarriesThePathQueryAndBalanceId() throws Exception {
    ScriptedUdpTracker tracker = resources.use(new ScriptedUdpTracker());
    String data = "/announce?pk=1&requestId=balance-7";
    tracker.expect(CONNECT, CONNECTED);
    tracker.expect(
        announce("00000002")
            + ScriptedUdpTracker.table(
                "02 // BEP 41 option: URLData",
                String.format("%02x // its length", data.length()),
                HexFormat.of().formatHex(data.getBytes(StandardCharsets.US_ASCII))),
        ANNOUNCED);
    RecordingListener events = new RecordingListener();
    client(
            tracker.uri("/announce?pk=1"),
            events,
            TrackerClientOptions.builder().balanceId("balance-7"))
        .start();
    events.await(RecordingListener.Announced.class);
    assertThat(tracker.failures).isEmpty();
  }
}
