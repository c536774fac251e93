package org.ilptorrent.discovery.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;

/**
 * When each registered torrent is announced over LSD, on a timer thread of its own: soon after it
 * is added (at once unless it was announced less than a minute ago) and then every announce
 * interval, never more than once a minute per torrent (BEP 14), even when it is removed and added
 * again.
 */
public final class LsdAnnounceSchedule implements AutoCloseable {
  /** BEP 14: "at most once per minute" per torrent. */
  public static final Duration MIN_ANNOUNCE_INTERVAL = Duration.ofMinutes(1);

  /** One announced torrent: its info hash and the port announced with it. */
  public record Torrent(InfoHash infoHash, int port) {}

  private final Duration interval;
  private final Clock clock;
  private final Consumer<Torrent> announce;
  private final ScheduledExecutorService timer;
  private final Map<Torrent, Instant> nextAnnounce = new HashMap<>();
  private final Map<Torrent, Instant> lastSent = new HashMap<>();
  private ScheduledFuture<?> pendingFlush;
  private boolean closed;

  /**
   * @param announce sends one torrent's announce; called on the timer thread, outside any lock
   */
  public LsdAnnounceSchedule(Duration interval, Clock clock, Consumer<Torrent> announce) {
    this.interval = interval;
    this.clock = clock;
    this.announce = announce;
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("lsd-timer"));
  }

  /** Starts announcing {@code torrent}, unless it is already scheduled. */
  public synchronized void add(Torrent torrent) {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    if (!nextAnnounce.containsKey(torrent)) {
      Instant sent = lastSent.get(torrent);
      Instant earliest = sent == null ? now : sent.plus(MIN_ANNOUNCE_INTERVAL);
      nextAnnounce.put(torrent, earliest.isAfter(now) ? earliest : now);
    }
    scheduleFlush(Duration.ZERO);
  }

  /** Stops announcing {@code torrent}. */
  public synchronized void remove(Torrent torrent) {
    nextAnnounce.remove(torrent);
  }

  /** Stops the timer thread and forgets every torrent. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      nextAnnounce.clear();
    }
    timer.shutdownNow();
  }

  private void scheduleFlush(Duration delay) {
    if (closed) {
      return;
    }
    if (pendingFlush != null) {
      pendingFlush.cancel(false);
    }
    pendingFlush = timer.schedule(this::flush, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Announces every torrent that is due, then schedules the next round. */
  private void flush() {
    List<Torrent> due = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      Instant now = clock.instant();
      Instant earliest = null;
      for (Map.Entry<Torrent, Instant> e : nextAnnounce.entrySet()) {
        if (!e.getValue().isAfter(now)) {
          due.add(e.getKey());
          e.setValue(now.plus(interval));
          lastSent.put(e.getKey(), now);
        }
        if (earliest == null || e.getValue().isBefore(earliest)) {
          earliest = e.getValue();
        }
      }
      lastSent.values().removeIf(t -> !now.isBefore(t.plus(MIN_ANNOUNCE_INTERVAL)));
      if (earliest != null) {
        Duration wait = Duration.between(now, earliest);
        scheduleFlush(wait.isNegative() ? Duration.ZERO : wait);
      }
    }
    due.forEach(announce);
  }
}
