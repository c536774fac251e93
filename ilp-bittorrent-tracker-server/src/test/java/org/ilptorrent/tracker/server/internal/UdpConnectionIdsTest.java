package org.ilptorrent.tracker.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.ilptorrent.tracker.testing.TestClock;
import org.junit.jupiter.api.Test;

/** Stateless BEP 15 connection ids: bound to an address and port, accepted for two minutes. */
class UdpConnectionIdsTest {
  private final TestClock clock = new TestClock();
  private final UdpConnectionIds ids = new UdpConnectionIds(clock);
  private final InetSocketAddress alice = new InetSocketAddress("127.0.0.1", 6881);

  @Test
  void anIdIsAcceptedForTwoMinutesFromItsAddressOnly() {
    long id = ids.issue(alice);
    assertThat(ids.isValid(id, alice)).isTrue();
    assertThat(ids.isValid(id, new InetSocketAddress("127.0.0.1", 6882))).isFalse();
    assertThat(ids.isValid(id, new InetSocketAddress("127.0.0.2", 6881))).isFalse();
    assertThat(ids.isValid(id, new InetSocketAddress("::1", 6881))).isFalse();

    clock.advanceMillis(120_999);
    assertThat(ids.isValid(id, alice)).isTrue();
    clock.advanceMillis(1);
    assertThat(ids.isValid(id, alice)).isFalse();
  }

  @Test
  void anIdFromBeforeTheSixteenBitSecondCounterWrappedIsRefused() {
    long id = ids.issue(alice);
    clock.advanceMillis(65_536_000L);
    assertThat(ids.isValid(id, alice)).isFalse();
  }

  @Test
  void anIdFromTheFutureIsRefused() {
    clock.advanceMillis(10_000);
    long id = ids.issue(alice);
    clock.advanceMillis(-5_000);
    assertThat(ids.isValid(id, alice)).isFalse();
  }

  @Test
  void flippingAnyBitOfAnIdInvalidatesIt() {
    long id = ids.issue(alice);
    for (int bit = 0; bit < 64; bit++) {
      assertThat(ids.isValid(id ^ (1L << bit), alice)).as("bit %d", bit).isFalse();
    }
  }

  @Test
  void idsDifferPerAddressAndPerTrackerKey() {
    Set<Long> seen = new HashSet<>();
    for (int port = 1; port <= 1000; port++) {
      seen.add(ids.issue(new InetSocketAddress("127.0.0.1", port)));
    }
    assertThat(seen).hasSize(1000);
    assertThat(new UdpConnectionIds(clock).issue(alice)).isNotEqualTo(ids.issue(alice));
  }
}
