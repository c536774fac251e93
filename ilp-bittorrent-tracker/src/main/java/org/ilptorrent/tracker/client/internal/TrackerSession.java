package org.ilptorrent.tracker.client.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.License;

/**
 * One client's relation with one tracker: which event comes next, when to announce again (the
 * tracker's {@code interval}, never sooner than its {@code min interval}), and what to do with an
 * answer. Transports subclass it to put announces on the wire. Thread-safe: state changes under the
 * session's lock; events leave through {@link Events}.
 */
public abstract class TrackerSession {
  /** The interval used until a tracker names one (npm bittorrent-tracker's default). */
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);

  private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);
  private static final Duration LONGEST_INTERVAL = Duration.ofHours(24);

  protected final URI tracker;
  protected final ClientContext context;
  private boolean running;
  private boolean closed;
  private boolean acknowledged;
  private Duration interval = DEFAULT_INTERVAL;
  private Duration minInterval = Duration.ZERO;
  private Instant lastAnnounce = Instant.MIN;
  private ScheduledFuture<?> timer;

  protected TrackerSession(URI tracker, ClientContext context) {
    this.tracker = tracker;
    this.context = context;
  }

  /** The tracker's announce URL. */
  public URI tracker() {
    return tracker;
  }

  /** Announces {@code started} and keeps announcing at the tracker's interval. */
  public synchronized void start() {
    if (closed || running) {
      return;
    }
    running = true;
    acknowledged = false;
    opened();
    announce(AnnounceEvent.STARTED);
  }

  /** Announces now, or as soon as the tracker's minimum interval allows. */
  public synchronized void update() {
    if (!running) {
      return;
    }
    Instant earliest =
        lastAnnounce.equals(Instant.MIN) ? Instant.MIN : lastAnnounce.plus(minInterval);
    Instant now = now();
    if (now.isBefore(earliest)) {
      schedule(Duration.between(now, earliest));
    } else {
      announce(acknowledged ? AnnounceEvent.UPDATE : AnnounceEvent.STARTED);
    }
  }

  /** Announces {@code completed} now. */
  public synchronized void complete() {
    if (running) {
      announce(AnnounceEvent.COMPLETED);
    }
  }

  /** Announces {@code stopped} and stops announcing; completes when it was sent or failed. */
  public synchronized CompletableFuture<Void> stop() {
    if (!running) {
      return CompletableFuture.completedFuture(null);
    }
    running = false;
    cancelTimer();
    CompletableFuture<Void> sent = sendStopped(context.request(AnnounceEvent.STOPPED));
    return sent.handle((v, e) -> null).thenRun(this::stopped);
  }

  /** Asks the tracker for the torrent's counts; the answer goes to the listener. */
  public abstract void scrape();

  /** Stops everything at once, without announcing {@code stopped}. */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
      cancelTimer();
    }
    closed();
  }

  /** Puts an announce on the wire; the answer comes back through the protected callbacks. */
  protected abstract void send(AnnounceRequest request);

  /** Puts a {@code stopped} announce on the wire; no answer is awaited beyond the future. */
  protected abstract CompletableFuture<Void> sendStopped(AnnounceRequest request);

  /** Hook: the session started (a WebSocket session joins its connection here). */
  protected void opened() {}

  /** Hook: {@code stop()} finished sending. */
  protected void stopped() {}

  /** Hook: the session was closed. */
  protected void closed() {}

  /** The tracker forgot us (a WebSocket reconnect): the next announce is {@code started}. */
  protected synchronized void reset() {
    acknowledged = false;
  }

  /** Announces {@code started} again now, as after a reconnect. */
  protected synchronized void restart() {
    if (running) {
      acknowledged = false;
      announce(AnnounceEvent.STARTED);
    }
  }

  /** The tracker accepted an announce. */
  protected void accepted(Duration newInterval, Duration newMin, int complete, int incomplete) {
    Duration shown;
    synchronized (this) {
      if (closed) {
        return;
      }
      acknowledged = true;
      if (newInterval != null) {
        interval = clamp(newInterval);
      }
      if (newMin != null) {
        minInterval = newMin.isNegative() ? Duration.ZERO : min(newMin, LONGEST_INTERVAL);
      }
      shown = interval;
      if (running) {
        schedule(interval);
      }
    }
    context.events().announced(tracker, complete, incomplete, shown);
  }

  /**
   * The tracker refused or could not be reached: a warning, then another try after the interval, or
   * sooner ({@code retryDelay}) when it was unreachable.
   */
  protected void failed(String message, boolean unreachable) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (running) {
        Duration retry = context.transports().settings().retryDelay();
        schedule(unreachable ? min(retry, interval) : interval);
      }
    }
    context.events().warning(tracker, message);
  }

  /** The torrent is paid: no more announces until the caller pays and calls update. */
  protected void paymentRequired(License license) {
    synchronized (this) {
      if (closed) {
        return;
      }
      cancelTimer();
    }
    context.events().paymentRequired(tracker, license);
  }

  protected Instant now() {
    return context.transports().settings().clock().instant();
  }

  private void announce(AnnounceEvent event) {
    cancelTimer();
    lastAnnounce = now();
    // Until an answer names the interval, the default one keeps the session alive.
    schedule(interval);
    send(context.request(event));
  }

  private void schedule(Duration delay) {
    cancelTimer();
    if (closed) {
      return;
    }
    try {
      timer =
          context
              .transports()
              .schedule(
                  () -> {
                    synchronized (TrackerSession.this) {
                      if (running) {
                        announce(acknowledged ? AnnounceEvent.UPDATE : AnnounceEvent.STARTED);
                      }
                    }
                  },
                  delay.toMillis(),
                  TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The pool is closed; its close hook ends the client.
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private static Duration clamp(Duration d) {
    return d.compareTo(SHORTEST_INTERVAL) < 0 ? SHORTEST_INTERVAL : min(d, LONGEST_INTERVAL);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
