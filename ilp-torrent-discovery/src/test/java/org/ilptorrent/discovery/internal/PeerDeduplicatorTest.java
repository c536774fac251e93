package org.ilptorrent.discovery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ilptorrent.magnet.PeerAddress;
import org.junit.jupiter.api.Test;

class PeerDeduplicatorTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static InetSocketAddress peer(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Test
  void anAddressIsReportedOncePerWindow() {
    ManualClock clock = new ManualClock();
    PeerDeduplicator d = new PeerDeduplicator(Duration.ofMinutes(1), 100, clock);
    assertThat(d.firstSighting(peer(1))).isTrue();
    assertThat(d.firstSighting(peer(1))).isFalse();
    assertThat(d.firstSighting(peer(2))).isTrue();
    clock.now = clock.now.plusSeconds(59);
    assertThat(d.firstSighting(peer(1))).isFalse();
    clock.now = clock.now.plusSeconds(1);
    assertThat(d.firstSighting(peer(1))).isTrue();
    assertThat(d.size()).as("peer 2 expired").isEqualTo(1);
  }

  @Test
  void isBoundedOldestFirst() {
    PeerDeduplicator d = new PeerDeduplicator(Duration.ofMinutes(1), 3, new ManualClock());
    for (int p = 1; p <= 4; p++) {
      assertThat(d.firstSighting(peer(p))).isTrue();
    }
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.firstSighting(peer(1))).as("forgotten").isTrue();
    assertThat(d.firstSighting(peer(4))).isFalse();
  }

  @Test
  void rateLimiterAndWarningThrottleFollowTheClock() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(2, 2, clock);
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    clock.now = clock.now.plusMillis(500);
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();

    WarningThrottle throttle = new WarningThrottle(Duration.ofMinutes(1), clock);
    assertThat(throttle.admit("bad")).contains("bad");
    assertThat(throttle.admit("bad")).isEmpty();
    assertThat(throttle.admit("bad")).isEmpty();
    clock.now = clock.now.plusSeconds(60);
    assertThat(throttle.admit("worse")).contains("worse (and 2 more since the last warning)");
  }

  @Test
  void peerAddressLiteralsNeverNeedDns() {
    assertThat(dialable("10.0.0.1:6881")).contains(new InetSocketAddress("10.0.0.1", 6881));
    assertThat(dialable("[2001:db8::1]:51413"))
        .contains(new InetSocketAddress("2001:db8::1", 51413));
    assertThat(dialable("tracker.example:6881")).isEmpty();
    assertThat(dialable("0.0.0.0:6881")).isEmpty();
    assertThat(dialable("239.192.152.143:6771")).isEmpty();
    // Not peer addresses at all: a magnet holding one does not parse.
    assertThat(PeerAddress.tryParse("300.0.0.1:6881")).isEmpty();
    assertThat(PeerAddress.tryParse("10.0.0.1:0")).isEmpty();
    assertThat(PeerAddress.tryParse("10.0.0.1:70000")).isEmpty();
    assertThat(PeerAddress.tryParse("[zz::1]:1")).isEmpty();
    assertThat(PeerAddress.tryParse("10.0.0.1")).isEmpty();
  }

  private static java.util.Optional<InetSocketAddress> dialable(String text) {
    return PeerAddresses.dialable(PeerAddress.parse(text));
  }
}
