package org.ilptorrent.webtorrent.internal.session;

/**
 * Bytes per second over the last few seconds, read live: {@link #add} counts bytes into the open
 * bucket, {@link #tick} (about once a second) closes it, and {@link #rate(long)} divides every byte
 * of the window, the open bucket's included, by the time the window spans up to now.
 *
 * <p>Why live: the rate used to be computed on the tick only, so a transfer shorter than a tick (a
 * 32 MiB download over loopback) showed 0 B/s and no ETA from start to end, and every transfer
 * showed 0 B/s for its first second. Counting the open bucket makes the rate non-zero as soon as a
 * byte arrives.
 *
 * <p>Threads: {@link #add} and {@link #tick} on the loop thread; {@link #rate(long)} from any
 * thread (the few fields are guarded by the meter's lock, uncontended on the loop thread).
 */
final class RateMeter {
  private static final int BUCKETS = 5;

  /**
   * The shortest span a rate is measured over: the first bytes after the meter starts would
   * otherwise read as an absurd burst.
   */
  static final long MIN_SPAN_NANOS = 100_000_000L;

  private final long[] buckets = new long[BUCKETS];
  private final long[] startedAt = new long[BUCKETS];
  private int current;
  private int filled;
  private long total;

  RateMeter(long nowNanos) {
    startedAt[0] = nowNanos;
  }

  synchronized void add(long bytes) {
    buckets[current] += bytes;
    total += bytes;
  }

  synchronized long total() {
    return total;
  }

  /** Closes the open bucket at {@code nowNanos} and opens the next one. */
  synchronized void tick(long nowNanos) {
    filled = Math.min(BUCKETS - 1, filled + 1);
    current = (current + 1) % BUCKETS;
    buckets[current] = 0;
    startedAt[current] = nowNanos;
  }

  /** Bytes per second over the window ending at {@code nowNanos} ({@link System#nanoTime()}). */
  synchronized double rate(long nowNanos) {
    long sum = 0;
    for (long b : buckets) {
      sum += b;
    }
    int oldest = Math.floorMod(current - filled, BUCKETS);
    long span = Math.max(MIN_SPAN_NANOS, nowNanos - startedAt[oldest]);
    return sum * 1e9 / span;
  }

  /** Bytes per second up to now. */
  double rate() {
    return rate(System.nanoTime());
  }
}
