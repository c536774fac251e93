package org.ilptorrent.webtorrent.internal.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A client-wide rate limit in bytes per second, as a token bucket: tokens accrue at the rate up to
 * a quarter second's worth (at least one block), a transfer may start while the bucket is positive
 * and takes its bytes (the bucket may go into debt by the last block), and a transfer that finds it
 * empty registers a waiter that runs once tokens are back. {@link #UNLIMITED} turns it off; 0 stops
 * every transfer it guards until the rate changes.
 *
 * <p>Threads: everything on the loop thread but {@link #rate()} (any thread); {@link
 * #setRate(long)} is posted to the loop by the caller.
 */
final class TokenBucket {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TokenBucket.class);

  /** The rate of a bucket that limits nothing (WebTorrent's {@code -1}). */
  static final long UNLIMITED = -1;

  /** The smallest burst: one 16 KiB block, so a low rate still moves whole blocks. */
  static final long MIN_BURST = 16 * 1024;

  /** Schedules a wake-up on the loop; {@link EventLoop#schedule} in the client. */
  interface Scheduler {
    void schedule(long delayNanos, Runnable task);
  }

  private final Scheduler scheduler;
  private final LongSupplier nanoTime;
  private final Set<Runnable> waiters = new LinkedHashSet<>();
  private volatile long rate = UNLIMITED;
  private double tokens;
  private long lastNanos;
  private long wakeGeneration;
  private boolean wakeScheduled;

  TokenBucket(Scheduler scheduler, LongSupplier nanoTime) {
    this.scheduler = scheduler;
    this.nanoTime = nanoTime;
    this.lastNanos = nanoTime.getAsLong();
  }

  /** Bytes per second, or {@link #UNLIMITED}. Any thread. */
  long rate() {
    return rate;
  }

  /** Changes the rate at once and wakes every waiter to try again; loop thread. */
  void setRate(long bytesPerSecond) {
    if (bytesPerSecond < UNLIMITED) {
      throw new IllegalArgumentException("rate must be -1 (unlimited) or at least 0");
    }
    refill();
    rate = bytesPerSecond;
    tokens = Math.min(tokens, burst());
    wakeGeneration++;
    wakeScheduled = false;
    wake();
  }

  /**
   * Whether a transfer may start now; when not, {@code waiter} runs on the loop thread once it may
   * (a waiter registered twice runs once).
   */
  boolean mayStart(Runnable waiter) {
    if (rate == UNLIMITED) {
      return true;
    }
    refill();
    if (tokens > 0) {
      return true;
    }
    waiters.add(waiter);
    scheduleWake();
    return false;
  }

  /** Bytes a transfer may start now without going into debt (0 when empty). */
  long available() {
    if (rate == UNLIMITED) {
      return Long.MAX_VALUE;
    }
    refill();
    return (long) Math.max(0, tokens);
  }

  /**
   * How many transfers of {@code size} bytes may start now: {@code wanted} when unlimited, else
   * what the bucket holds rounded up to whole transfers, within 1..{@code wanted}.
   */
  int transfers(int wanted, int size) {
    if (rate == UNLIMITED) {
      return wanted;
    }
    long bytes = available();
    long whole = bytes / size + (bytes % size == 0 ? 0 : 1);
    return (int) Math.max(1, Math.min(wanted, whole));
  }

  /** Takes {@code bytes} of a transfer that started. */
  void take(long bytes) {
    if (rate != UNLIMITED) {
      tokens -= bytes;
    }
  }

  private long burst() {
    return Math.max(MIN_BURST, rate / 4);
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    long elapsed = now - lastNanos;
    lastNanos = now;
    if (rate > 0 && elapsed > 0) {
      tokens = Math.min(burst(), tokens + rate * (elapsed / 1e9));
    }
  }

  private void scheduleWake() {
    if (wakeScheduled || rate <= 0) {
      return; // at 0, only a new rate wakes the waiters
    }
    wakeScheduled = true;
    long generation = wakeGeneration;
    double missing = 1 - tokens;
    long delay = (long) Math.ceil(missing * 1e9 / rate);
    scheduler.schedule(
        delay,
        () -> {
          if (generation == wakeGeneration) {
            wakeScheduled = false;
            wake();
          }
        });
  }

  private void wake() {
    if (waiters.isEmpty()) {
      return;
    }
    List<Runnable> due = new ArrayList<>(waiters);
    waiters.clear();
    for (Runnable w : due) {
      try {
        w.run();
      } catch (RuntimeException e) {
        LOG.warn("a transfer waiting for the rate limit failed", e);
      }
    }
  }
}
