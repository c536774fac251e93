package org.ilptorrent.tracker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.junit.jupiter.api.Test;

class TrackerClientBuilderTest {
  private static final InfoHash HASH = InfoHash.fromHex("11".repeat(20));

  @Test
  void validatesSettings() {
    assertThatThrownBy(() -> TrackerClient.builder().build())
        .hasMessage("a v1 (20-byte) info hash is required");
    assertThatThrownBy(
            () -> TrackerClient.builder().infoHash(InfoHash.fromHex("22".repeat(32))).build())
        .hasMessage("a v1 (20-byte) info hash is required");
    assertThatThrownBy(() -> TrackerClient.builder().infoHash(HASH).port(0).build())
        .hasMessage("port must be 1..65535, got 0");
    assertThatThrownBy(() -> TrackerClientOptions.builder().numwant(-1).build())
        .hasMessage("numwant must be 0..1000, got -1");
    assertThatThrownBy(() -> TrackerClientOptions.builder().balanceId("has space"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AnnounceStats(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerId.of(new byte[19])).hasMessage("a peer id is 20 bytes, got 19");
    assertThatThrownBy(
            () -> TrackerConnections.builder().udpRetransmit(java.time.Duration.ZERO, 1).build())
        .hasMessage("udpTimeout must be a positive duration");
  }

  @Test
  void announceUrlsTakesTrackersAsATorrentHoldsThem() {
    List<String> fromTorrent = List.of("http://127.0.0.1:1/announce", " udp://127.0.0.1:2 ");
    TrackerClient client = TrackerClient.builder().infoHash(HASH).announceUrls(fromTorrent).build();
    assertThat(client.trackers())
        .containsExactly(
            URI.create("http://127.0.0.1:1/announce"), URI.create("udp://127.0.0.1:2"));
    client.close();
    assertThat(TrackerUrls.parse(fromTorrent)).isEqualTo(client.trackers());
    assertThatThrownBy(() -> TrackerClient.builder().announceUrls(List.of("ws://a b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a tracker URL: 'ws://a b'");
    assertThatThrownBy(() -> TrackerUrls.parse(List.of("/announce")))
        .hasMessageContaining("no scheme");
  }

  @Test
  void closeIsIdempotentAndEndsTheClient() {
    TrackerClient client =
        TrackerClient.builder()
            .infoHash(HASH)
            .announce(List.of(URI.create("http://127.0.0.1:1/announce")))
            .announce(List.of(URI.create("http://127.0.0.1:1/announce")))
            .build();
    assertThat(client.trackers()).hasSize(1);
    client.close();
    client.close();
    assertThatThrownBy(client::start).isInstanceOf(IllegalStateException.class);
    assertThat(client.stop()).isCompleted();
  }

  @Test
  void closingASharedPoolEndsItsClientsWithAnError() throws Exception {
    TrackerConnections pool = TrackerConnections.builder().build();
    RecordingListener events = new RecordingListener();
    TrackerClient client =
        TrackerClient.builder()
            .infoHash(HASH)
            .listener(events)
            .options(TrackerClientOptions.builder().connections(pool).build())
            .build();
    client.start();
    pool.close();
    assertThat(events.await(RecordingListener.Error.class).error())
        .hasMessage("the tracker connections were closed");
    assertThatThrownBy(client::update).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                TrackerClient.builder()
                    .infoHash(HASH)
                    .options(TrackerClientOptions.builder().connections(pool).build())
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void randomPeerIdsHaveOurPrefix() {
    assertThat(
            new String(PeerId.random().toBytes(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("-IJ0100-");
    assertThat(PeerId.random()).isNotEqualTo(PeerId.random());
  }
}
