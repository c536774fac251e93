package org.ilptorrent.tracker.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ilptorrent.magnet.License;

/** Records every event a client reports, and waits for the ones a test expects. */
final class RecordingListener implements TrackerListener {
  record Peer(InetSocketAddress peer, URI tracker) {}

  record Announced(URI tracker, int complete, int incomplete, Duration interval) {}

  record Scrape(URI tracker, int complete, int incomplete, int downloaded) {}

  record PaymentRequired(URI tracker, License license) {}

  record Warning(URI tracker, String message) {}

  record Ticket(URI tracker, byte[] ticket, byte[] trackerKey) {}

  record Error(Throwable error) {}

  private final List<Object> events = new ArrayList<>();
  final List<String> threads = new ArrayList<>();

  private synchronized void add(Object event) {
    events.add(event);
    threads.add(Thread.currentThread().getName());
    notifyAll();
  }

  /** The events of one type so far. */
  synchronized <T> List<T> all(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits (up to 20 s) for the first event of {@code type} that matches. */
  <T> T await(Class<T> type, Predicate<T> matches) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    synchronized (this) {
      while (true) {
        for (Object e : events) {
          if (type.isInstance(e) && matches.test(type.cast(e))) {
            return type.cast(e);
          }
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + type.getSimpleName() + " event; got " + events);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  <T> T await(Class<T> type) throws InterruptedException {
    return await(type, e -> true);
  }

  /** Waits until there are {@code count} events of {@code type}. */
  <T> List<T> awaitCount(Class<T> type, int count) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    synchronized (this) {
      while (all(type).size() < count) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "only " + all(type).size() + " " + type.getSimpleName() + " events; got " + events);
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return all(type);
    }
  }

  @Override
  public void onPeer(InetSocketAddress peer, URI tracker) {
    add(new Peer(peer, tracker));
  }

  @Override
  public void onOffer(ReceivedOffer offer) {
    add(offer);
  }

  @Override
  public void onAnswer(ReceivedAnswer answer) {
    add(answer);
  }

  @Override
  public void onAnnounced(URI tracker, int complete, int incomplete, Duration interval) {
    add(new Announced(tracker, complete, incomplete, interval));
  }

  @Override
  public void onScrape(URI tracker, int complete, int incomplete, int downloaded) {
    add(new Scrape(tracker, complete, incomplete, downloaded));
  }

  @Override
  public void onPaymentRequired(URI tracker, License license) {
    add(new PaymentRequired(tracker, license));
  }

  @Override
  public void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {
    add(new Ticket(tracker, ticket, trackerKey));
  }

  @Override
  public void onWarning(URI tracker, String message) {
    add(new Warning(tracker, message));
  }

  @Override
  public void onError(Throwable error) {
    add(new Error(error));
  }
}
