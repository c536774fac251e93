package org.ilptorrent.tracker.client.internal;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays: from {@code min}, doubling per consecutive failure up to {@code max}, plus a
 * random extra of up to half the delay (still capped at {@code max}) so that many clients dropped
 * at once do not come back at once.
 */
final class Backoff {
  private final long min;
  private final long max;
  private final LongUnaryOperator random;

  /**
   * @param random given a bound {@code n}, a random number in {@code [0, n)}
   */
  Backoff(Duration min, Duration max, LongUnaryOperator random) {
    this.min = min.toMillis();
    this.max = max.toMillis();
    this.random = random;
  }

  /** The delay in milliseconds after {@code failures} consecutive failures (0 for the first). */
  long delay(int failures) {
    long base = failures >= 62 || (min << failures) >>> failures != min ? max : min << failures;
    base = Math.min(max, base);
    return Math.min(max, base + random.applyAsLong(base / 2 + 1));
  }
}
