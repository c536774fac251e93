package org.ilptorrent.verifier.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets per key (a source address): {@code permits} requests per {@code period}, with
 * bursts up to {@code permits}. Keys whose bucket is full again are forgotten, so memory is bounded
 * by the keys active within one period. Thread-safe.
 */
public final class RateLimiter<K> {
  private static final int SWEEP_EVERY = 4096;

  private final int permits;
  private final double perMilli;
  private final Clock clock;
  private final Map<K, double[]> buckets = new HashMap<>();
  private int sinceSweep;

  public RateLimiter(int permits, Duration period, Clock clock) {
    if (permits < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate limit needs positive permits and period");
    }
    this.permits = permits;
    this.perMilli = permits / (double) period.toMillis();
    this.clock = clock;
  }

  /** Takes one permit for {@code key}; false when its bucket is empty. */
  public synchronized boolean tryAcquire(K key) {
    long now = clock.millis();
    if (++sinceSweep >= SWEEP_EVERY) {
      sinceSweep = 0;
      buckets.values().removeIf(b -> level(b, now) >= permits);
    }
    double[] b = buckets.computeIfAbsent(key, k -> new double[] {permits, now});
    b[0] = level(b, now);
    b[1] = now;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }

  private double level(double[] b, long now) {
    return Math.min(permits, b[0] + Math.max(0, now - (long) b[1]) * perMilli);
  }
}
