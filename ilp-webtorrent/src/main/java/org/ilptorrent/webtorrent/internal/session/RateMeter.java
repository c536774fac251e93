package org.ilptorrent.webtorrent.internal.session;

/**
 * Bytes per second over the last few ticks: {@link #add} counts bytes, {@link #tick} closes a
 * one-second bucket. Used on the loop thread only; {@link #rate()} may be read from any thread.
 */
final class RateMeter {
  private static final int BUCKETS = 5;

  private final long[] buckets = new long[BUCKETS];
  private int current;
  private long total;
  private long lastTickNanos;
  private int filled;
  private volatile double rate;

  RateMeter(long nowNanos) {
    this.lastTickNanos = nowNanos;
  }

  void add(long bytes) {
    buckets[current] += bytes;
    total += bytes;
  }

  long total() {
    return total;
  }

  /** Closes the current bucket at {@code nowNanos} and recomputes the rate. */
  void tick(long nowNanos) {
    long elapsed = Math.max(1, nowNanos - lastTickNanos);
    lastTickNanos = nowNanos;
    filled = Math.min(BUCKETS, filled + 1);
    long sum = 0;
    for (long b : buckets) {
      sum += b;
    }
    // the buckets cover about `filled` ticks; the newest one `elapsed` long
    double seconds = (filled - 1) + elapsed / 1e9;
    rate = sum / Math.max(seconds, 1e-3);
    current = (current + 1) % BUCKETS;
    buckets[current] = 0;
  }

  /** Bytes per second, as of the last tick. */
  double rate() {
    return rate;
  }
}
