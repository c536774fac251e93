package org.ilptorrent.tracker.server.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.ilptorrent.netty.server.WebSocketSession;

/**
 * The peers of one torrent, by peer id (binary string). Not thread-safe: callers hold {@link
 * #lock}.
 *
 * <p>In a paid swarm each peer entered either as one of the publisher's seeders (seeder token) or
 * under an entitlement (a paid balance id); {@link #hasRoom} bounds how many distinct peers one
 * entitlement has in the swarm at a time, and a slot frees whenever its peer leaves, however it
 * leaves ({@link #remove} is the only way out).
 */
final class Swarm {
  /** A peer in the swarm. */
  static final class Peer {
    final String peerId;
    final WebSocketSession socket;
    byte[] address;
    int port;
    boolean complete;
    long lastSeen;

    /** The entitlement it entered under, or null (free swarm, or the publisher's seeder). */
    String entitlement;

    /** Entered with the publisher's seeder token: never evicted to make room. */
    boolean publisher;

    /**
     * What its entitlement's slot counts: the leecher key it announced (hex), else its peer id;
     * null without an entitlement.
     */
    String holder;

    Peer(String peerId, WebSocketSession socket) {
      this.peerId = peerId;
      this.socket = socket;
    }
  }

  private final Map<String, Peer> peers = new LinkedHashMap<>();

  /** Per entitlement, its distinct holders and how many peers each holder has here. */
  private final Map<String, Map<String, Integer>> slots = new HashMap<>();

  private final int maxPeers;

  /** Guards everything here; see WsProtocol for the locking. */
  final ReentrantLock lock = new ReentrantLock();

  /** Emptied and taken out of the tracker's map: whoever locks it next takes the map's new one. */
  boolean gone;

  /**
   * An admitted peer (the publisher's seeder or one under an entitlement) has entered: the swarm
   * holds no unadmitted peer since.
   */
  boolean gated;

  /** The info hash as a JSON string in UTF-8, for replies; set by the first reply. */
  byte[] infoHashJson;

  int complete;
  int incomplete;
  int downloaded;

  Swarm(int maxPeers) {
    this.maxPeers = maxPeers;
  }

  /**
   * Whether {@code peerId} may be in the swarm under {@code entitlement} (null: no limit): it is
   * already in it, or the entitlement has fewer than {@code perEntitlement} peers here.
   */
  boolean hasRoom(String peerId, String entitlement, int perEntitlement) {
    return hasRoom(peerId, null, entitlement, perEntitlement);
  }

  /**
   * Whether {@code entitlement} has room for this peer: it is in the swarm admitted (not as a peer
   * that joined free, which leaves when the first admitted peer enters) under the same holder
   * already, its holder (the leecher key when given, else the peer id) holds a slot already, or
   * fewer than {@code perEntitlement} distinct holders do. Counting leecher keys bounds how many
   * keys can carry access tickets of one payment at a time.
   */
  boolean hasRoom(String peerId, String leecherKey, String entitlement, int perEntitlement) {
    if (entitlement == null) {
      return true;
    }
    String holder = leecherKey == null ? peerId : leecherKey;
    Peer peer = peers.get(peerId);
    if (peer != null
        && peer.entitlement != null
        && (leecherKey == null || holder.equals(peer.holder))) {
      return true;
    }
    Map<String, Integer> holders = slots.getOrDefault(entitlement, Map.of());
    return holders.containsKey(holder) || holders.size() < perEntitlement;
  }

  /** Records an announce; {@code event} is started, stopped, completed, update or paused. */
  Peer announce(String peerId, WebSocketSession socket, String event, boolean seeding, long now) {
    return announce(peerId, socket, event, seeding, now, null, false);
  }

  /**
   * Records an announce of a peer that entered under {@code entitlement} or as the publisher's
   * seeder; a new peer takes a slot of its entitlement (check {@link #hasRoom} first).
   */
  Peer announce(
      String peerId,
      WebSocketSession socket,
      String event,
      boolean seeding,
      long now,
      String entitlement,
      boolean publisher) {
    return announce(peerId, null, socket, event, seeding, now, entitlement, publisher);
  }

  /**
   * {@link #announce(String, WebSocketSession, String, boolean, long, String, boolean)} of a peer
   * that may name its leecher key (hex, or null): its entitlement's slot counts that key.
   */
  Peer announce(
      String peerId,
      String leecherKey,
      WebSocketSession socket,
      String event,
      boolean seeding,
      long now,
      String entitlement,
      boolean publisher) {
    if (event.equals("stopped")) {
      remove(peerId);
      return null;
    }
    if ((entitlement != null || publisher) && !gated) {
      // The first admitted peer: whoever joined while the swarm looked free leaves now, under the
      // lock that admits it, so it never gets this peer's offers or address, however late the
      // "became paid" notice runs.
      removeUnadmitted();
      gated = true;
    }
    Peer peer = peers.get(peerId);
    if (peer == null) {
      if (peers.size() >= maxPeers) {
        evictOldest();
      }
      peer = new Peer(peerId, socket);
      peer.entitlement = entitlement;
      peer.publisher = publisher;
      if (entitlement != null) {
        take(entitlement, leecherKey == null ? peerId : leecherKey, peer);
      }
      peers.put(peerId, peer);
      if (seeding) {
        complete++;
      } else {
        incomplete++;
      }
      peer.complete = seeding;
    } else {
      if (peer.entitlement != null && leecherKey != null && !leecherKey.equals(peer.holder)) {
        release(peer);
        take(peer.entitlement, leecherKey, peer);
      }
      if (!peer.complete && (seeding || event.equals("completed"))) {
        peer.complete = true;
        complete++;
        incomplete--;
      }
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
      if (peer.entitlement != null) {
        release(peer);
      }
    }
  }

  private void take(String entitlement, String holder, Peer peer) {
    peer.holder = holder;
    slots.computeIfAbsent(entitlement, k -> new HashMap<>()).merge(holder, 1, Integer::sum);
  }

  private void release(Peer peer) {
    Map<String, Integer> holders = slots.get(peer.entitlement);
    if (holders != null) {
      holders.computeIfPresent(peer.holder, (k, n) -> n == 1 ? null : n - 1);
      if (holders.isEmpty()) {
        slots.remove(peer.entitlement);
      }
    }
  }

  /** Removes every peer that entered neither as the publisher's seeder nor under an entitlement. */
  List<Peer> removeUnadmitted() {
    List<Peer> removed = new ArrayList<>();
    for (Peer p : new ArrayList<>(peers.values())) {
      if (!p.publisher && p.entitlement == null) {
        remove(p.peerId);
        removed.add(p);
      }
    }
    return removed;
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

  /**
   * Makes room: the oldest peer that is not one of the publisher's seeders goes, so that a flood of
   * announces can never push the publisher out of its own swarm (only a swarm made entirely of the
   * publisher's seeders loses its oldest one).
   */
  private void evictOldest() {
    Peer victim = null;
    for (Iterator<Peer> it = peers.values().iterator(); it.hasNext(); ) {
      Peer p = it.next();
      if (victim == null) {
        victim = p;
      }
      if (!p.publisher) {
        victim = p;
        break;
      }
    }
    if (victim != null) {
      remove(victim.peerId);
    }
  }
}
