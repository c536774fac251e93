package org.ilptorrent.discovery;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ilptorrent.magnet.License;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;

/** Records what a discovery reports, and waits (boundedly) for what a test expects. */
class Recorder implements DiscoveryListener {
  record Peer(InetSocketAddress peer, PeerSource source) {}

  record Announced(URI tracker, int complete, int incomplete) {}

  record PaymentRequired(URI tracker, License license) {}

  record Warning(String source, String message) {}

  private final List<Object> events = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();

  private synchronized void add(Object event) {
    events.add(event);
    threads.add(Thread.currentThread().getName());
    notifyAll();
  }

  synchronized <T> List<T> all(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  synchronized List<String> threads() {
    return List.copyOf(threads);
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
          throw new AssertionError("no matching " + type.getSimpleName() + "; got " + events);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  <T> T await(Class<T> type) throws InterruptedException {
    return await(type, e -> true);
  }

  Peer awaitPeer(InetSocketAddress address) throws InterruptedException {
    return await(Peer.class, p -> p.peer().equals(address));
  }

  @Override
  public void onPeer(InetSocketAddress peer, PeerSource source) {
    add(new Peer(peer, source));
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
  public void onAnnounced(URI tracker, int complete, int incomplete) {
    add(new Announced(tracker, complete, incomplete));
  }

  @Override
  public void onPaymentRequired(URI tracker, License license) {
    add(new PaymentRequired(tracker, license));
  }

  @Override
  public void onWarning(String source, String message) {
    add(new Warning(source, message));
  }
}
