package org.ilptorrent.discovery.internal;

import java.time.Clock;

/** A token bucket: {@code perSecond} tokens a second, up to {@code burst} saved. */
public final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final Clock clock;
  private double tokens;
  private long lastMillis;

  public RateLimiter(double perSecond, double burst, Clock clock) {
    if (!(perSecond > 0) || !(burst >= 1)) {
      throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.lastMillis = clock.millis();
  }

  /** Takes one token if there is one. */
  public synchronized boolean tryAcquire() {
    long now = clock.millis();
    if (now > lastMillis) {
      tokens = Math.min(burst, tokens + (now - lastMillis) * perSecond / 1000.0);
      lastMillis = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
