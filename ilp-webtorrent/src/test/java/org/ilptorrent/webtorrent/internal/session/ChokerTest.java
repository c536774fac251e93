package org.ilptorrent.webtorrent.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import org.ilptorrent.magnet.PeerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChokerTest {
  EventLoop loop;
  PieceHasher hasher;
  ClientContext ctx;
  List<java.nio.channels.SocketChannel> channels = new ArrayList<>();

  @BeforeEach
  void context() throws Exception {
    loop = new EventLoop("test-loop");
    hasher = new PieceHasher(1, "test-hash");
    ctx =
        new ClientContext(
            PeerId.generate(new Random(1)),
            loop,
            hasher,
            Executors.newSingleThreadExecutor(),
            Clock.systemUTC(),
            55,
            2,
            3,
            "test");
  }

  @AfterEach
  void close() throws Exception {
    for (var c : channels) {
      c.close();
    }
    hasher.close();
    loop.close();
  }

  /** A peer that is interested and delivers {@code rate} bytes per second. */
  private PeerConnection peer(long rate) throws Exception {
    var ch = java.nio.channels.SocketChannel.open();
    channels.add(ch);
    PeerConnection p =
        new PeerConnection(ctx, ch, true, new java.net.InetSocketAddress("127.0.0.1", 1));
    p.state.peerInterested = true;
    p.state.down.add(rate);
    p.state.down.tick(System.nanoTime());
    p.state.up.add(rate / 2);
    p.state.up.tick(System.nanoTime());
    return p;
  }

  @Test
  void theFastestInterestedPeersGetTheSlotsAndOneMoreIsOptimistic() throws Exception {
    Choker choker = new Choker(2, new Random(3));
    PeerConnection slow = peer(1_000);
    PeerConnection fast = peer(9_000_000);
    PeerConnection medium = peer(500_000);
    PeerConnection other = peer(2_000);
    PeerConnection bored = peer(50_000_000);
    bored.state.peerInterested = false;
    List<PeerConnection> unchoked =
        choker.rechoke(List.of(slow, fast, medium, other, bored), false, 0);
    assertThat(unchoked).hasSize(3).startsWith(fast, medium).doesNotContain(bored);
    PeerConnection optimistic = unchoked.get(2);
    assertThat(optimistic).isIn(slow, other);
    // the optimistic slot stays for 30 s, then rotates among the rest
    assertThat(choker.rechoke(List.of(slow, fast, medium, other), false, 10_000).get(2))
        .isSameAs(optimistic);
    boolean rotated = false;
    for (long t = 40_000; t < 400_000 && !rotated; t += 40_000) {
      rotated = choker.rechoke(List.of(slow, fast, medium, other), false, t).get(2) != optimistic;
    }
    assertThat(rotated).isTrue();
  }

  @Test
  void aNewInterestedPeerIsUnchokedAtOnceWhileASlotIsFree() throws Exception {
    Choker choker = new Choker(1, new Random(3));
    PeerConnection a = peer(1);
    PeerConnection b = peer(1);
    PeerConnection c = peer(1);
    assertThat(choker.unchokeNow(List.of(a, b, c))).isTrue();
    a.state.amChoking = false;
    b.state.amChoking = false;
    assertThat(choker.unchokeNow(List.of(a, b, c))).isFalse();
  }
}
