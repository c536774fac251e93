package org.ilptorrent.discovery.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Lets one warning through per period and counts the ones held back, so a flood of hostile
 * datagrams costs listeners one call a minute.
 */
public final class WarningThrottle {
  private final Duration period;
  private final Clock clock;
  private Instant last;
  private long suppressed;

  public WarningThrottle(Duration period, Clock clock) {
    this.period = period;
    this.clock = clock;
  }

  /** The warning to give now (with the count held back since the last one), or empty. */
  public synchronized Optional<String> admit(String message) {
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.plus(period))) {
      suppressed++;
      return Optional.empty();
    }
    last = now;
    String text =
        suppressed == 0
            ? message
            : message + " (and " + suppressed + " more since the last warning)";
    suppressed = 0;
    return Optional.of(text);
  }
}
