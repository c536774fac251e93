package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.ilptorrent.tracker.client.TrackerClient;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.ilptorrent.tracker.testing.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The UDP client (BEP 15) against our own tracker (the scripted cases are in
 * ilp-bittorrent-tracker).
 */
class TrackerClientUdpIT {
  private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

  @RegisterExtension final Resources resources = new Resources();

  @Test
  void peersFindEachOtherThroughOurUdpTracker() throws Exception {
    TrackerServer server = resources.use(TrackerServer.builder().udpPort(0).httpPort(0).start());
    URI udp = server.udpAnnounceUri().orElseThrow();
    RecordingListener seederEvents = new RecordingListener();
    resources
        .use(
            TrackerClient.builder()
                .infoHash(HASH)
                .port(7201)
                .announce(List.of(udp))
                .listener(seederEvents)
                .options(TrackerClientOptions.builder().stats(AnnounceStats.seeding(0, 0)).build())
                .build())
        .start();
    assertThat(seederEvents.await(RecordingListener.Announced.class).complete()).isEqualTo(1);

    RecordingListener leecherEvents = new RecordingListener();
    TrackerClient leecher =
        resources.use(
            TrackerClient.builder()
                .infoHash(HASH)
                .port(7202)
                .announce(List.of(udp))
                .listener(leecherEvents)
                .build());
    leecher.start();
    assertThat(leecherEvents.await(RecordingListener.Peer.class).peer())
        .isEqualTo(new InetSocketAddress("127.0.0.1", 7201));
    RecordingListener.Announced counts = leecherEvents.await(RecordingListener.Announced.class);
    assertThat(counts.complete()).isEqualTo(1);
    assertThat(counts.incomplete()).isEqualTo(1);
    leecher.scrape();
    assertThat(leecherEvents.await(RecordingListener.Scrape.class))
        .isEqualTo(new RecordingListener.Scrape(udp, 1, 1, 0));

    RecordingListener httpEvents = new RecordingListener();
    resources
        .use(
            TrackerClient.builder()
                .infoHash(HASH)
                .port(7203)
                .announce(List.of(server.httpAnnounceUri().orElseThrow()))
                .listener(httpEvents)
                .build())
        .start();
    assertThat(httpEvents.awaitCount(RecordingListener.Peer.class, 2))
        .extracting(RecordingListener.Peer::peer)
        .containsExactlyInAnyOrder(
            new InetSocketAddress("127.0.0.1", 7201), new InetSocketAddress("127.0.0.1", 7202));
    leecher.stop().get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(leecherEvents.ofType(RecordingListener.Warning.class)).isEmpty();
  }
}
