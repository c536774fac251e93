package org.ilptorrent.tracker.server.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.java_websocket.WebSocket;

/** The peers of one torrent, by peer id (hex). Not thread-safe: the tracker serialises access. */
final class Swarm {
  /** A peer in the swarm. */
  static final class Peer {
    final String peerId;
    final WebSocket socket;
    byte[] address;
    int port;
    boolean complete;
    long lastSeen;

    Peer(String peerId, WebSocket socket) {
      this.peerId = peerId;
      this.socket = socket;
    }
  }

  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final int maxPeers;
  int complete;
  int incomplete;
  int downloaded;

  Swarm(int maxPeers) {
    this.maxPeers = maxPeers;
  }

  /** Records an announce; {@code event} is started, stopped, completed, update or paused. */
  Peer announce(String peerId, WebSocket socket, String event, boolean seeding, long now) {
    Peer peer = peers.get(peerId);
    if (event.equals("stopped")) {
      remove(peerId);
      return null;
    }
    if (peer == null) {
      if (peers.size() >= maxPeers) {
        evictOldest();
      }
      peer = new Peer(peerId, socket);
      peers.put(peerId, peer);
      if (seeding) {
        complete++;
      } else {
        incomplete++;
      }
      peer.complete = seeding;
    } else if (!peer.complete && (seeding || event.equals("completed"))) {
      peer.complete = true;
      complete++;
      incomplete--;
    }
    if (event.equals("completed")) {
      downloaded++;
    }
    peer.lastSeen = now;
    return peer;
  }

  void remove(String peerId) {
    Peer peer = peers.remove(peerId);
    if (peer != null) {
      if (peer.complete) {
        complete--;
      } else {
        incomplete--;
      }
    }
  }

  Peer peer(String peerId) {
    return peers.get(peerId);
  }

  boolean isEmpty() {
    return peers.isEmpty();
  }

  /** Up to {@code count} other peers with an open socket, in random order. */
  List<Peer> others(String peerId, int count) {
    return sample(peerId, count, true);
  }

  /** Up to {@code count} other peers with an IP address and port (HTTP and UDP announcers). */
  List<Peer> othersWithAddress(String peerId, int count) {
    return sample(peerId, count, false);
  }

  /**
   * A uniform random sample (reservoir sampling, then shuffled) of at most {@code count} peers
   * other than {@code peerId}: one pass, no copy of the whole swarm.
   */
  private List<Peer> sample(String peerId, int count, boolean webSocket) {
    if (count <= 0) {
      return List.of();
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<Peer> chosen = new ArrayList<>(Math.min(count, peers.size()));
    int seen = 0;
    for (Peer p : peers.values()) {
      boolean eligible = webSocket ? p.socket != null && p.socket.isOpen() : p.address != null;
      if (!eligible || p.peerId.equals(peerId)) {
        continue;
      }
      seen++;
      if (chosen.size() < count) {
        chosen.add(p);
      } else {
        int k = random.nextInt(seen);
        if (k < count) {
          chosen.set(k, p);
        }
      }
    }
    Collections.shuffle(chosen, random);
    return chosen;
  }

  /**
   * Adds this swarm's seeders, leechers, IPv4, IPv6 and WebSocket peers to {@code totals[1..5]}.
   */
  void census(int[] totals) {
    totals[1] += complete;
    totals[2] += incomplete;
    for (Peer p : peers.values()) {
      if (p.socket != null) {
        totals[5]++;
      } else if (p.address != null && p.address.length == 4) {
        totals[3]++;
      } else if (p.address != null) {
        totals[4]++;
      }
    }
  }

  /** Drops peers not seen since {@code before}. */
  void expire(long before) {
    for (Peer p : new ArrayList<>(peers.values())) {
      if (p.lastSeen < before) {
        remove(p.peerId);
      }
    }
  }

  private void evictOldest() {
    peers.values().stream().findFirst().ifPresent(p -> remove(p.peerId));
  }
}
