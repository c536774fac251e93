package org.ilptorrent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * BEP 14 between real sockets on 127.0.0.1. No multicast: the "group" is a unicast loopback address
 * and each endpoint sends to a list of loopback targets, which is what multicast delivery amounts
 * to (including an endpoint hearing its own announces).
 */
class LocalServiceDiscoveryIT {
  private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
  private static final InfoHash PRIVATE =
      InfoHash.fromHex("89abcdef0123456789abcdef0123456789abcdef");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final ExecutorService events = Executors.newSingleThreadExecutor();

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

  /** A UDP port that was free on 127.0.0.1 a moment ago. */
  private static InetSocketAddress freeLoopbackUdp() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return new InetSocketAddress("127.0.0.1", s.getLocalPort());
    }
  }

  private LocalServiceDiscovery lsd(
      InetSocketAddress bind, List<InetSocketAddress> targets, LocalServiceDiscovery.Builder b)
      throws IOException {
    return use(b.group(bind).bind(bind).targets(targets).start());
  }

  private Discovery discovery(
      InfoHash hash, int port, LocalServiceDiscovery lsd, boolean priv, Recorder r) {
    return use(
        Discovery.builder()
            .infoHash(hash)
            .port(port)
            .lsd(lsd)
            .privateTorrent(priv)
            .listener(r)
            .eventExecutor(events)
            .build());
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  private static byte[] announce(int port, InfoHash... hashes) {
    StringBuilder b = new StringBuilder("BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\n");
    b.append("Port: ").append(port).append("\r\n");
    for (InfoHash h : hashes) {
      b.append("Infohash: ").append(h.toHex()).append("\r\n");
    }
    return b.append("\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void send(DatagramSocket from, InetSocketAddress to, byte[] data)
      throws IOException {
    from.send(new DatagramPacket(data, data.length, to));
  }

  /** Waits until every event posted so far has been delivered. */
  private void drain() throws Exception {
    events.submit(() -> {}).get(10, TimeUnit.SECONDS);
  }

  @Test
  void twoEndpointsFindEachOtherForAPublicTorrent() throws Exception {
    InetSocketAddress a = freeLoopbackUdp();
    InetSocketAddress b = freeLoopbackUdp();
    LocalServiceDiscovery lsdA = lsd(a, List.of(a, b), LocalServiceDiscovery.builder());
    LocalServiceDiscovery lsdB = lsd(b, List.of(a, b), LocalServiceDiscovery.builder());
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    Discovery da = discovery(HASH, 7101, lsdA, false, ra);
    Discovery db = discovery(HASH, 7102, lsdB, false, rb);
    assertThat(da.usesLsd()).isTrue();

    da.start();
    db.start();

    assertThat(ra.awaitPeer(loopback(7102)).source()).isEqualTo(PeerSource.LSD);
    assertThat(rb.awaitPeer(loopback(7101)).source()).isEqualTo(PeerSource.LSD);
    drain();
    assertThat(ra.ofType(Recorder.Peer.class))
        .as("an endpoint ignores its own announces")
        .extracting(p -> p.peer().getPort())
        .doesNotContain(7101);
    assertThat(lsdA.torrentCount()).isEqualTo(1);
    assertThat(ra.ofType(Recorder.Warning.class)).isEmpty();
  }

  @Test
  void aPrivateTorrentNeverSendsOrAcceptsLsd() throws Exception {
    DatagramSocket lan = use(new DatagramSocket(loopback(0)));
    lan.setSoTimeout(10_000);
    InetSocketAddress a = freeLoopbackUdp();
    LocalServiceDiscovery lsdA =
        lsd(
            a,
            List.of((InetSocketAddress) lan.getLocalSocketAddress()),
            LocalServiceDiscovery.builder());
    Recorder privateEvents = new Recorder();
    Recorder publicEvents = new Recorder();
    Discovery priv = discovery(PRIVATE, 7201, lsdA, true, privateEvents);
    priv.start();
    discovery(HASH, 7202, lsdA, false, publicEvents).start();
    assertThat(priv.usesLsd()).isFalse();
    assertThat(lsdA.torrentCount()).isEqualTo(1);

    // Announces go out in order from one timer thread: the private torrent, started first, would
    // have been announced before the public one.
    byte[] buffer = new byte[2048];
    List<String> heard = new ArrayList<>();
    while (heard.stream().noneMatch(m -> m.contains(HASH.toHex()))) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      lan.receive(p);
      heard.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII));
    }
    assertThat(heard).noneMatch(m -> m.contains(PRIVATE.toHex()));
    assertThat(heard.get(heard.size() - 1)).contains("Port: 7202");

    send(lan, a, announce(7301, PRIVATE, HASH));
    DatagramSocket lan2 = use(new DatagramSocket(loopback(0)));
    send(lan2, a, announce(7302, PRIVATE, HASH));
    publicEvents.awaitPeer(loopback(7302));
    drain();
    assertThat(publicEvents.ofType(Recorder.Peer.class))
        .containsExactly(
            new Recorder.Peer(loopback(7301), PeerSource.LSD),
            new Recorder.Peer(loopback(7302), PeerSource.LSD));
    assertThat(privateEvents.ofType(Recorder.Peer.class)).isEmpty();
  }

  @Test
  void hostileDatagramsAreIgnoredWithOneWarningAndTheEndpointCarriesOn() throws Exception {
    DatagramSocket lan = use(new DatagramSocket(loopback(0)));
    InetSocketAddress a = freeLoopbackUdp();
    LocalServiceDiscovery lsdA =
        lsd(a, List.of(freeLoopbackUdp()), LocalServiceDiscovery.builder());
    Recorder r = new Recorder();
    discovery(HASH, 7401, lsdA, false, r).start();

    send(lan, a, new byte[] {0, 1, 2, (byte) 0xff});
    send(lan, a, new byte[60_000]);
    send(lan, a, "BT-SEARCH * HTTP/1.1\r\nPort: 0\r\nInfohash: 00\r\n\r\n".getBytes());
    send(lan, a, ("BT-SEARCH * HTTP/1.1\r\nPort: 99999\r\nInfohash: " + HASH.toHex()).getBytes());
    send(lan, a, "BT-SEARCH * HTTP/1.1\r\nPort: 7402\r\nInfohash: nothex\r\n\r\n".getBytes());
    send(lan, a, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
    send(lan, a, announce(7403, HASH));

    r.awaitPeer(loopback(7403));
    drain();
    assertThat(r.ofType(Recorder.Warning.class))
        .as("one warning a minute, however many bad datagrams")
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.source()).isEqualTo("lsd");
              assertThat(w.message()).startsWith("ignored a bad LSD datagram from 127.0.0.1: ");
            });
    assertThat(r.ofType(Recorder.Peer.class))
        .containsExactly(new Recorder.Peer(loopback(7403), PeerSource.LSD));
  }

  @Test
  void datagramsBeyondTheRateLimitAreDroppedUnread() throws Exception {
    DatagramSocket lan = use(new DatagramSocket(loopback(0)));
    InetSocketAddress a = freeLoopbackUdp();
    // A stopped clock: the one datagram of the budget is never refilled.
    Clock stopped = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    LocalServiceDiscovery lsdA =
        lsd(
            a,
            List.of(freeLoopbackUdp()),
            LocalServiceDiscovery.builder().maxDatagramsPerSecond(1).clock(stopped));
    Recorder r = new Recorder();
    discovery(HASH, 7501, lsdA, false, r).start();

    send(lan, a, announce(7502, HASH));
    send(lan, a, announce(7503, HASH));
    assertThat(r.await(Recorder.Warning.class).message())
        .isEqualTo("dropped LSD datagrams beyond 1 a second");
    assertThat(r.ofType(Recorder.Peer.class))
        .containsExactly(new Recorder.Peer(loopback(7502), PeerSource.LSD));
  }

  @Test
  void stopLeavesTheEndpointAndCloseReleasesItsSocketAndThreads() throws Exception {
    InetSocketAddress a = freeLoopbackUdp();
    LocalServiceDiscovery lsdA =
        LocalServiceDiscovery.builder().group(a).targets(List.of(a)).start();
    assertThat(lsdA.localAddress()).isEqualTo(a);
    Recorder r = new Recorder();
    Discovery d = Discovery.builder().infoHash(HASH).port(7601).lsd(lsdA).listener(r).build();
    d.start();
    assertThat(lsdA.torrentCount()).isEqualTo(1);
    d.stop().get(10, TimeUnit.SECONDS);
    assertThat(lsdA.torrentCount()).isZero();
    d.start();
    d.close();
    d.close();
    assertThat(lsdA.torrentCount()).isZero();
    lsdA.close();
    lsdA.close();
    assertThat(lsdA.isClosed()).isTrue();

    try (DatagramSocket again = new DatagramSocket(a)) {
      assertThat(again.getLocalPort()).isEqualTo(a.getPort());
    }
    Await.until(
        "the discovery threads to end", Duration.ofSeconds(10), () -> discoveryThreads() == 0);
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(n -> n.startsWith("ilp-discovery-"));
  }

  @Test
  void anEndpointClosedUnderATorrentIsAWarning() throws Exception {
    InetSocketAddress a = freeLoopbackUdp();
    LocalServiceDiscovery lsdA = LocalServiceDiscovery.builder().group(a).start();
    lsdA.close();
    Recorder r = new Recorder();
    discovery(HASH, 7701, lsdA, false, r).start();
    assertThat(r.await(Recorder.Warning.class))
        .isEqualTo(new Recorder.Warning("lsd", "the local service discovery endpoint is closed"));
  }

  private static long discoveryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ilp-discovery-"))
        .count();
  }
}
