package org.ilptorrent.webtorrent.internal.pick;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who has which piece: each peer's pieces and outstanding requests, and per-piece availability
 * counts kept in step with them. Peers that have everything are counted once in {@code seeds}
 * rather than in every piece's count. Part of a {@link PiecePicker}, with its threading rules.
 */
final class Swarm<P> {
  /** One peer's pieces and the requests we sent it. */
  static final class Peer {
    final BitSet has = new BitSet();
    boolean seed;
    final RequestSet requests = new RequestSet();

    boolean has(int piece) {
      return seed || has.get(piece);
    }
  }

  private final int pieceCount;
  private final int[] availability;
  private final Map<P, Peer> peers = new HashMap<>();
  private int seeds;

  Swarm(int pieceCount) {
    this.pieceCount = pieceCount;
    this.availability = new int[pieceCount];
  }

  Peer get(P peer) {
    return peers.get(peer);
  }

  Map<P, Peer> peers() {
    return peers;
  }

  /** Counts of non-seed peers per piece, for ordering; equal seeds add to every piece alike. */
  int[] counts() {
    return availability;
  }

  int availability(int piece) {
    return availability[Objects.checkIndex(piece, pieceCount)] + seeds;
  }

  void bitfield(P peer, BitSet bits) {
    Peer ps = forget(peer);
    ps.has.or(bits.get(0, pieceCount));
    for (int i = ps.has.nextSetBit(0); i >= 0; i = ps.has.nextSetBit(i + 1)) {
      availability[i]++;
    }
  }

  void have(P peer, int piece) {
    Objects.checkIndex(piece, pieceCount);
    Peer ps = peers.computeIfAbsent(peer, p -> new Peer());
    if (!ps.seed && !ps.has.get(piece)) {
      ps.has.set(piece);
      availability[piece]++;
    }
  }

  void haveAll(P peer) {
    Peer ps = forget(peer);
    ps.seed = true;
    seeds++;
  }

  void haveNone(P peer) {
    forget(peer);
  }

  void remove(P peer) {
    if (peers.containsKey(peer)) {
      forget(peer);
      peers.remove(peer);
    }
  }

  /** Clears what {@code peer} had from the counts and returns its (possibly new) state. */
  private Peer forget(P peer) {
    Peer ps = peers.computeIfAbsent(peer, p -> new Peer());
    if (ps.seed) {
      seeds--;
      ps.seed = false;
    }
    for (int i = ps.has.nextSetBit(0); i >= 0; i = ps.has.nextSetBit(i + 1)) {
      availability[i]--;
    }
    ps.has.clear();
    return ps;
  }
}
