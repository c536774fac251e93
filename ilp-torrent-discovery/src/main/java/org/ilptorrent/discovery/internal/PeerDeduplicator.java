package org.ilptorrent.discovery.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which peer addresses were reported lately, so that one address learnt from several
 * sources within a short window is reported once. Bounded: beyond {@code maxEntries} the oldest
 * sightings are forgotten first.
 */
public final class PeerDeduplicator {
  private final Duration window;
  private final int maxEntries;
  private final Clock clock;
  // Insertion order is sighting order: a refreshed entry is removed and put back at the tail.
  private final LinkedHashMap<InetSocketAddress, Instant> seen = new LinkedHashMap<>();

  public PeerDeduplicator(Duration window, int maxEntries, Clock clock) {
    if (window.isNegative() || maxEntries < 1) {
      throw new IllegalArgumentException("window must be >= 0 and maxEntries >= 1");
    }
    this.window = window;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** Whether {@code peer} was not reported within the window; records it as reported now. */
  public synchronized boolean firstSighting(InetSocketAddress peer) {
    Instant now = clock.instant();
    expire(now);
    Instant last = seen.get(peer);
    if (last != null && now.isBefore(last.plus(window))) {
      return false;
    }
    seen.remove(peer);
    seen.put(peer, now);
    while (seen.size() > maxEntries) {
      Iterator<?> eldest = seen.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return true;
  }

  /** Forgets everything (a stopped torrent that starts again reports its peers again). */
  public synchronized void clear() {
    seen.clear();
  }

  /** How many addresses are remembered. */
  public synchronized int size() {
    return seen.size();
  }

  private void expire(Instant now) {
    Iterator<Map.Entry<InetSocketAddress, Instant>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<InetSocketAddress, Instant> e = it.next();
      if (now.isBefore(e.getValue().plus(window))) {
        return;
      }
      it.remove();
    }
  }
}
