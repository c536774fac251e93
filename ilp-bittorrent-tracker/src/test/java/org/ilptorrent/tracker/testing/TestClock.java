package org.ilptorrent.tracker.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand, so expiry is tested without waiting. */
public final class TestClock extends Clock {
  private volatile long millis = 1_700_000_000_000L;

  /** Moves the clock by {@code delta} milliseconds (negative: back). */
  public void advanceMillis(long delta) {
    millis += delta;
  }

  /** Moves the clock forward by {@code delta}. */
  public void advance(Duration delta) {
    advanceMillis(delta.toMillis());
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
