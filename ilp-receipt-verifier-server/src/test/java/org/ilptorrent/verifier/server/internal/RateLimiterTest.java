package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ilptorrent.verifier.server.internal.RateLimiter;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

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

  @Test
  void allowsABurstThenRefillsOverThePeriodPerKey() {
    ManualClock clock = new ManualClock();
    RateLimiter<String> limiter = new RateLimiter<>(4, Duration.ofSeconds(60), clock);
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).as("another address has its own bucket").isTrue();
    clock.now = clock.now.plusSeconds(15);
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    clock.now = clock.now.plusSeconds(3600);
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.tryAcquire("a")).as("never more than the burst").isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
  }
}
