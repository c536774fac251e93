package org.ilptorrent.tracker.server.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The tracker's swarms by info hash (binary string), each guarded by its own lock, so that event
 * loops serving different swarms never wait for each other. A swarm that empties is marked gone
 * under its lock and taken out of the map; whoever then locks it sees that and takes the map's next
 * one, so no peer is ever added to a swarm the map has dropped.
 */
final class Swarms {
  private final Map<String, Swarm> map = new ConcurrentHashMap<>();
  private final Function<String, Swarm> newSwarm;

  Swarms(int maxPeersPerSwarm) {
    this.newSwarm = h -> new Swarm(maxPeersPerSwarm);
  }

  /**
   * The swarm of {@code infoHash}, created if need be, locked; give it back with {@link #unlock}.
   */
  Swarm lock(String infoHash) {
    for (; ; ) {
      Swarm swarm = map.get(infoHash);
      if (swarm == null) {
        swarm = map.computeIfAbsent(infoHash, newSwarm);
      }
      swarm.lock.lock();
      if (!swarm.gone) {
        return swarm;
      }
      swarm.lock.unlock();
    }
  }

  /** The swarm of {@code infoHash} locked, or null when it has no peers. */
  Swarm lockExisting(String infoHash) {
    for (; ; ) {
      Swarm swarm = map.get(infoHash);
      if (swarm == null) {
        return null;
      }
      swarm.lock.lock();
      if (!swarm.gone) {
        return swarm;
      }
      swarm.lock.unlock();
    }
  }

  /** Unlocks a swarm locked here; if it has no peer left, it is gone first. */
  void unlock(String infoHash, Swarm swarm) {
    try {
      if (swarm.isEmpty() && !swarm.gone) {
        swarm.gone = true;
        map.remove(infoHash, swarm);
      }
    } finally {
      swarm.lock.unlock();
    }
  }

  /** Drops peers not seen since {@code before}, one swarm at a time. */
  void expire(long before) {
    for (String infoHash : map.keySet()) {
      Swarm swarm = lockExisting(infoHash);
      if (swarm != null) {
        try {
          swarm.expire(before);
        } finally {
          unlock(infoHash, swarm);
        }
      }
    }
  }

  /** How many swarms have peers. */
  int size() {
    return map.size();
  }

  /** Counts over every swarm: torrents, seeders, leechers, IPv4, IPv6 and WebSocket peers. */
  int[] census() {
    int[] totals = new int[6];
    for (Swarm swarm : map.values()) {
      swarm.lock.lock();
      try {
        if (!swarm.gone) {
          totals[0]++;
          swarm.census(totals);
        }
      } finally {
        swarm.lock.unlock();
      }
    }
    return totals;
  }
}
