package org.ilptorrent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery without the network: magnet peers, the DHT seam, deduplication, lifecycle. */
class DiscoveryTest {
  private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 7001);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 7002);

  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private final List<Discovery> discoveries = new ArrayList<>();

  @AfterEach
  void closeAll() throws InterruptedException {
    discoveries.forEach(Discovery::close);
    events.shutdown();
    assertThat(events.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** A fake DHT that records lookups and hands their callbacks to the test. */
  static final class FakeDht implements DhtPeerSource {
    final List<Consumer<InetSocketAddress>> lookups = new ArrayList<>();
    int closed;

    @Override
    public synchronized Lookup lookup(
        InfoHash infoHash, int port, Consumer<InetSocketAddress> onPeer) {
      lookups.add(onPeer);
      return () -> {
        synchronized (FakeDht.this) {
          closed++;
        }
      };
    }
  }

  private Discovery build(Discovery.Builder b, Recorder recorder) {
    Discovery d = b.port(6881).listener(recorder).eventExecutor(events).build();
    discoveries.add(d);
    return d;
  }

  /** Waits until every event posted so far has been delivered. */
  private void drain() throws Exception {
    events.submit(() -> {}).get(10, TimeUnit.SECONDS);
  }

  @Test
  void trackersMayBeGivenAsTextOrAsUris() {
    Discovery d =
        build(
            Discovery.builder()
                .infoHash(HASH)
                .announceUrls(List.of("ws://127.0.0.1:8000", "http://127.0.0.1:8000/announce"))
                .announce(List.of(java.net.URI.create("ws://127.0.0.1:8000"))),
            new Recorder());
    assertThat(d.trackers())
        .containsExactly(
            java.net.URI.create("ws://127.0.0.1:8000"),
            java.net.URI.create("http://127.0.0.1:8000/announce"));
    assertThatThrownBy(() -> Discovery.builder().announceUrls(List.of("not a url")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a url");
  }

  @Test
  void magnetPeersArriveAsMagnetAndUnreadableOnesAreWarnings() throws Exception {
    MagnetUri magnet =
        MagnetUri.builder(HASH)
            .addPeerAddress("127.0.0.1:7001")
            .addPeerAddress("[::1]:7002")
            .addPeerAddress("peer.example:7003")
            .addPeerAddress("0.0.0.0:7004")
            .build();
    Recorder r = new Recorder();
    Discovery d = build(Discovery.builder().magnet(magnet), r);
    assertThat(d.infoHash()).isEqualTo(HASH);
    d.start();

    r.awaitMatch(Recorder.Peer.class, p -> p.peer().getPort() == 7002);
    drain();
    assertThat(r.ofType(Recorder.Peer.class))
        .containsExactly(
            new Recorder.Peer(A, PeerSource.MAGNET),
            new Recorder.Peer(new InetSocketAddress("::1", 7002), PeerSource.MAGNET));
    assertThat(r.ofType(Recorder.Warning.class))
        .extracting(Recorder.Warning::source)
        .containsExactly("magnet", "magnet");
    assertThat(r.ofType(Recorder.Warning.class).get(1).message()).contains("0.0.0.0:7004");
    assertThat(r.ofType(Recorder.Warning.class).get(0).message()).contains("peer.example:7003");
  }

  @Test
  void dhtPeersArriveForPublicTorrentsAndDuplicatesAreReportedOnce() throws Exception {
    FakeDht dht = new FakeDht();
    Recorder r = new Recorder();
    Discovery d = build(Discovery.builder().infoHash(HASH).peers(List.of(A)).dht(dht), r);
    assertThat(d.usesDht()).isTrue();
    d.start();
    assertThat(dht.lookups).hasSize(1);
    dht.lookups.get(0).accept(A);
    dht.lookups.get(0).accept(B);
    dht.lookups.get(0).accept(B);
    drain();
    assertThat(r.ofType(Recorder.Peer.class))
        .containsExactly(
            new Recorder.Peer(A, PeerSource.MAGNET), new Recorder.Peer(B, PeerSource.DHT));

    d.stop().get(10, TimeUnit.SECONDS);
    assertThat(dht.closed).isEqualTo(1);
    dht.lookups.get(0).accept(new InetSocketAddress("127.0.0.1", 7003));

    d.start();
    drain();
    assertThat(dht.lookups).hasSize(2);
    assertThat(r.ofType(Recorder.Peer.class))
        .as("after a restart the magnet peer is reported again; the stopped lookup is not heard")
        .containsExactly(
            new Recorder.Peer(A, PeerSource.MAGNET),
            new Recorder.Peer(B, PeerSource.DHT),
            new Recorder.Peer(A, PeerSource.MAGNET));
  }

  @Test
  void aPrivateTorrentNeverLooksUpTheDht() throws Exception {
    FakeDht dht = new FakeDht();
    Recorder r = new Recorder();
    Discovery d =
        build(
            Discovery.builder().infoHash(HASH).privateTorrent(true).dht(dht).peers(List.of(A)), r);
    d.start();
    drain();
    assertThat(d.isPrivate()).isTrue();
    assertThat(d.usesDht()).isFalse();
    assertThat(dht.lookups).isEmpty();
    assertThat(r.ofType(Recorder.Peer.class))
        .containsExactly(new Recorder.Peer(A, PeerSource.MAGNET));
  }

  @Test
  void aDhtThatFailsToStartIsAWarning() throws Exception {
    Recorder r = new Recorder();
    Discovery d =
        build(
            Discovery.builder()
                .infoHash(HASH)
                .dht(
                    (h, p, c) -> {
                      throw new IllegalStateException("no bootstrap nodes");
                    }),
            r);
    d.start();
    assertThat(r.await(Recorder.Warning.class))
        .isEqualTo(
            new Recorder.Warning("dht", "the DHT lookup could not start: no bootstrap nodes"));
  }

  @Test
  void theDefaultEventThreadIsNamedAndCloseIsIdempotent() throws Exception {
    Recorder r = new Recorder();
    Discovery d =
        Discovery.builder().infoHash(HASH).port(6881).peers(List.of(A)).listener(r).build();
    d.start();
    r.await(Recorder.Peer.class);
    assertThat(r.threads()).allMatch(t -> t.startsWith("ilp-discovery-events-"));
    d.close();
    d.close();
    assertThat(d.stop()).isCompleted();
    assertThatThrownBy(d::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> d.update(0, 0, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aListenerThatThrowsHarmsNothing() throws Exception {
    List<InetSocketAddress> seen = new ArrayList<>();
    Discovery d =
        build(
            Discovery.builder().infoHash(HASH).peers(List.of(A, B)),
            new Recorder() {
              @Override
              public void onPeer(InetSocketAddress peer, PeerSource source) {
                synchronized (seen) {
                  seen.add(peer);
                }
                throw new IllegalStateException("listener bug");
              }
            });
    d.start();
    drain();
    assertThat(seen).containsExactly(A, B);
  }

  @Test
  void theBuilderChecksItsInput() {
    assertThatThrownBy(() -> Discovery.builder().port(6881).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("info hash");
    assertThatThrownBy(() -> Discovery.builder().infoHash(HASH).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> Discovery.builder().peerId(new byte[19]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Discovery.builder().peers(List.of(InetSocketAddress.createUnresolved("x", 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrackerClientOptions.builder().balanceId("not a balance id"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Discovery.builder()
                    .magnet(MagnetUri.parse("magnet:?xt=urn:btmh:1220" + "ab".repeat(32))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v1");
    Discovery d =
        build(
            Discovery.builder()
                .infoHash(HASH)
                .announce(List.of(URI.create("http://127.0.0.1:1/announce"))),
            new Recorder());
    assertThatThrownBy(() -> d.update(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.setBalanceId("bad id")).isInstanceOf(IllegalArgumentException.class);
  }
}
