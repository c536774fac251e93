package org.ilptorrent.webtorrent.internal.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Who we upload to. Every rechoke (10 s) the {@code slots} interested peers that gave us the most
 * (by download rate from them while we leech; by our upload rate to them once we seed) are
 * unchoked, plus one optimistic unchoke that rotates every 30 s so new peers get a chance to show
 * their rate. Between rechokes a newly interested peer is unchoked at once while a slot is free.
 * Decides only; {@link Uploader} chokes and unchokes. Reads each peer's {@link PeerState}. Loop
 * thread only.
 */
final class Choker {
  static final long RECHOKE_MILLIS = 10_000;
  static final long OPTIMISTIC_MILLIS = 30_000;

  private final int slots;
  private final RandomGenerator random;
  private PeerConnection optimistic;
  private long lastRechoke;
  private long lastOptimistic;

  Choker(int slots, RandomGenerator random) {
    this.slots = slots;
    this.random = random;
  }

  /** A peer became interested: unchoke it now if fewer than slots + 1 are unchoked. */
  boolean unchokeNow(List<PeerConnection> peers) {
    int unchoked = 0;
    for (PeerConnection p : peers) {
      if (!p.state.amChoking && p.state.peerInterested) {
        unchoked++;
      }
    }
    return unchoked < slots + 1;
  }

  /** Whether a rechoke is due at {@code now}. */
  boolean due(long now) {
    return now - lastRechoke >= RECHOKE_MILLIS;
  }

  /** The peers to unchoke; every other peer is choked. */
  List<PeerConnection> rechoke(List<PeerConnection> peers, boolean seeding, long now) {
    lastRechoke = now;
    List<PeerConnection> interested = new ArrayList<>();
    for (PeerConnection p : peers) {
      if (p.state.peerInterested && !p.isClosed()) {
        interested.add(p);
      }
    }
    Comparator<PeerConnection> byRate =
        Comparator.comparingDouble(p -> seeding ? p.state.up.rate() : p.state.down.rate());
    interested.sort(byRate.reversed());
    List<PeerConnection> unchoke =
        new ArrayList<>(interested.subList(0, Math.min(slots, interested.size())));
    List<PeerConnection> rest = interested.subList(unchoke.size(), interested.size());
    boolean keep = optimistic != null && rest.contains(optimistic);
    if (!rest.isEmpty() && (!keep || now - lastOptimistic >= OPTIMISTIC_MILLIS)) {
      optimistic = rest.get(random.nextInt(rest.size()));
      lastOptimistic = now;
    } else if (rest.isEmpty()) {
      optimistic = null;
    }
    if (optimistic != null && rest.contains(optimistic)) {
      unchoke.add(optimistic);
    }
    return unchoke;
  }

  void gone(PeerConnection p) {
    if (optimistic == p) {
      optimistic = null;
    }
  }
}
