package org.ilptorrent.tracker.client.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.ilptorrent.magnet.License;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.TrackerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one client's events to its listener on the pool's single event thread, in order, so that
 * network threads never run user code and a listener that throws harms nothing else.
 */
public final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private final TrackerListener listener;
  private final Executor thread;
  private volatile boolean closed;

  public Events(TrackerListener listener, Executor thread) {
    this.listener = listener;
    this.thread = thread;
  }

  /** Stops delivering events; those already queued are dropped. */
  public void close() {
    closed = true;
  }

  public void peer(InetSocketAddress peer, URI tracker) {
    post(l -> l.onPeer(peer, tracker));
  }

  public void offer(ReceivedOffer offer) {
    post(l -> l.onOffer(offer));
  }

  public void answer(ReceivedAnswer answer) {
    post(l -> l.onAnswer(answer));
  }

  public void announced(URI tracker, int complete, int incomplete, Duration interval) {
    post(l -> l.onAnnounced(tracker, complete, incomplete, interval));
  }

  public void scrape(URI tracker, int complete, int incomplete, int downloaded) {
    post(l -> l.onScrape(tracker, complete, incomplete, downloaded));
  }

  public void paymentRequired(URI tracker, License license) {
    post(l -> l.onPaymentRequired(tracker, license));
  }

  public void accessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {
    post(l -> l.onAccessTicket(tracker, ticket.clone(), trackerKey.clone()));
  }

  public void warning(URI tracker, String message) {
    LOG.debug("tracker {}: {}", tracker, message);
    post(l -> l.onWarning(tracker, message));
  }

  /** Runs {@code task} on the event thread (for hooks such as the offer factory). */
  public void run(Runnable task) {
    post(l -> task.run());
  }

  private void post(Consumer<TrackerListener> call) {
    if (closed) {
      return;
    }
    try {
      thread.execute(
          () -> {
            if (closed) {
              return;
            }
            try {
              call.accept(listener);
            } catch (RuntimeException e) {
              LOG.warn("tracker listener failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      // The pool is closed: nobody is listening any more.
    }
  }
}
