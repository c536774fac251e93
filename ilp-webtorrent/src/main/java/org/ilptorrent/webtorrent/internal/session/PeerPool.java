package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ilptorrent.magnet.PeerId;

/**
 * A session's peers: addresses to dial (each once while known), connections being set up, the
 * connected peers within the connection limit, and the banned. The other stages get the live list
 * of connected peers ({@link #peers()}) and ban through here.
 *
 * <p>Threads: loop thread only, except {@link #count()}.
 */
final class PeerPool {
  static final int MAX_CANDIDATES = 2_000;

  /**
   * When to dial again an address whose connection failed before its handshake (refused, reset,
   * timed out): a seeder may not be listening yet. After the last, only a new offer (a tracker or
   * PEX naming it again) dials it.
   */
  static final long[] RETRY_MILLIS = {2_000, 10_000, 30_000};

  private final ClientContext ctx;
  private final ConnectionOwner owner;
  private final SessionEvents events;
  private final List<PeerConnection> peers = new ArrayList<>();
  private final Set<PeerConnection> connecting = new HashSet<>();
  private final Set<InetSocketAddress> known = new HashSet<>();
  private final ArrayDeque<InetSocketAddress> candidates = new ArrayDeque<>();
  private final Set<InetSocketAddress> banned = new HashSet<>();
  private final Set<PeerId> bannedIds = new HashSet<>();
  private final Map<InetSocketAddress, Integer> failures = new HashMap<>();
  private final Map<InetSocketAddress, Long> retryAt = new HashMap<>();
  private volatile int count;
  private boolean paused;
  private final List<InetSocketAddress> resumeWith = new ArrayList<>();

  /**
   * @param owner the torrent that connections dialled from here belong to
   * @param events where bans and failed dials are reported
   */
  PeerPool(ClientContext ctx, ConnectionOwner owner, SessionEvents events) {
    this.ctx = ctx;
    this.owner = owner;
    this.events = events;
  }

  /** The connected peers, in the order they connected: a live list; loop thread. */
  List<PeerConnection> peers() {
    return peers;
  }

  /** Connected peers (handshake done); any thread. */
  int count() {
    return count;
  }

  /** Queues an address unless it is ours, banned, already known, or the queue is full. */
  void offer(InetSocketAddress address) {
    if (address.isUnresolved()
        || address.getPort() == 0
        || address.equals(ctx.listenAddress)
        || banned.contains(address)
        || known.contains(address)
        || candidates.size() >= MAX_CANDIDATES) {
      return;
    }
    known.add(address);
    candidates.add(address);
    connectMore();
  }

  /**
   * Disconnects every peer and dials or accepts none until {@link #resume}; keeps the addresses.
   */
  void pause() {
    if (paused) {
      return;
    }
    paused = true;
    for (PeerConnection p : peers) {
      p.listenAddress().ifPresent(resumeWith::add);
    }
    closeAll("paused");
  }

  /** Dials the peers we had before {@link #pause} and those learnt since. */
  void resume() {
    if (!paused) {
      return;
    }
    paused = false;
    List<InetSocketAddress> again = List.copyOf(resumeWith);
    resumeWith.clear();
    again.forEach(this::offer);
    connectMore();
  }

  /** Dials queued addresses while under the connection limit (none while paused). */
  void connectMore() {
    while (!paused
        && !candidates.isEmpty()
        && peers.size() + connecting.size() < ctx.maxConnections) {
      InetSocketAddress a = candidates.poll();
      try {
        connecting.add(PeerConnection.dial(ctx, owner, a));
      } catch (IOException e) {
        known.remove(a);
        events.warn("cannot connect to " + a + ": " + e.getMessage());
      }
    }
  }

  boolean acceptIncoming(PeerConnection c) {
    if (paused || peers.size() + connecting.size() >= ctx.maxConnections) {
      return false;
    }
    connecting.add(c);
    return true;
  }

  /** Admits a peer whose handshake arrived, or closes it (ourselves, banned, a duplicate). */
  boolean admit(PeerConnection c) {
    connecting.remove(c);
    PeerId id = c.peerId();
    if (id.equals(ctx.peerId)) {
      banned.add(c.remote);
      c.close("connected to ourselves");
      return false;
    }
    if (bannedIds.contains(id)) {
      c.close("banned peer");
      return false;
    }
    for (PeerConnection p : List.copyOf(peers)) {
      if (p.peerId().equals(id)) {
        // Both ends may dial each other at once (each told of the other by PEX). Both must drop
        // the same one of the two connections, or both go: keep the one dialled by the lower id.
        boolean weAreLower = Arrays.compare(ctx.peerId.toBytes(), id.toBytes()) < 0;
        PeerConnection drop = p.outgoing == c.outgoing || c.outgoing != weAreLower ? c : p;
        drop.close("already connected to this peer");
        if (drop == c) {
          return false;
        }
      }
    }
    peers.add(c);
    count = peers.size();
    failures.remove(c.remote);
    return true;
  }

  private void scheduleRetry(InetSocketAddress address) {
    int attempt = failures.merge(address, 1, Integer::sum);
    if (attempt <= RETRY_MILLIS.length && retryAt.size() < MAX_CANDIDATES) {
      retryAt.put(address, ctx.now() + RETRY_MILLIS[attempt - 1]);
    } else {
      failures.remove(address);
    }
  }

  /** Dials at once, with MSE if {@code c} was plaintext and the other way round. */
  private void redialOtherWay(PeerConnection c) {
    try {
      connecting.add(PeerConnection.dial(ctx, owner, c.remote, !c.encryptedDial, true));
      known.add(c.remote);
      c.redialed = true;
    } catch (IOException e) {
      scheduleRetry(c.remote);
    }
  }

  /** Offers again the failed addresses whose retry time has come; called on every tick. */
  void retryDue(long now) {
    for (Iterator<Map.Entry<InetSocketAddress, Long>> it = retryAt.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<InetSocketAddress, Long> e = it.next();
      if (e.getValue() <= now) {
        it.remove();
        offer(e.getKey());
      }
    }
  }

  /**
   * Forgets a closed connection; its address may be offered again unless banned.
   *
   * @return whether it was a connected peer
   */
  boolean remove(PeerConnection c) {
    connecting.remove(c);
    if (c.outgoing) {
      known.remove(c.remote);
      if (c.retriesOtherWay() && !banned.contains(c.remote)) {
        redialOtherWay(c);
      } else if (c.handshake == null && !banned.contains(c.remote)) {
        scheduleRetry(c.remote);
      }
    }
    boolean was = peers.remove(c);
    count = peers.size();
    return was;
  }

  /** Closes the peer and refuses its addresses and id from now on; warns the listeners. */
  void ban(PeerConnection c, String why) {
    events.warn("banned " + c.remote + ": " + why);
    banned.add(c.remote);
    c.listenAddress().ifPresent(banned::add);
    bannedIds.add(c.peerId());
    c.close("banned: " + why);
  }

  /** Closes connections whose handshake took longer than {@code timeoutMillis}. */
  void expireConnecting(long now, long timeoutMillis) {
    for (PeerConnection c : List.copyOf(connecting)) {
      if (now - c.openedAt > timeoutMillis) {
        c.close("handshake timed out");
      }
    }
  }

  /** Closes every connection. */
  void closeAll(String reason) {
    for (PeerConnection p : List.copyOf(peers)) {
      p.close(reason);
    }
    for (PeerConnection p : List.copyOf(connecting)) {
      p.close(reason);
    }
  }
}
