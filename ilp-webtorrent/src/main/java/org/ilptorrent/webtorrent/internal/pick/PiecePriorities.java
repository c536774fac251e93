package org.ilptorrent.webtorrent.internal.pick;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * Which pieces are wanted and in what order: per-piece priorities, critical ranges and the strategy
 * for the rest. Ranges are inclusive, as in WebTorrent's {@code select(start, end)}; the latest
 * call wins for each piece. Part of a {@link PiecePicker}, with its threading rules.
 */
public final class PiecePriorities {
  /** Priority of a piece that is not wanted. */
  public static final int NOT_WANTED = -1;

  /** Priority every wanted piece starts with. */
  public static final int NORMAL = 0;

  /** How pieces are ordered after criticality, priority and being started. */
  public enum Strategy {
    /** Fewest peers first. */
    RAREST_FIRST,
    /** Lowest index first. */
    SEQUENTIAL
  }

  private final int pieceCount;
  private final int[] priority;
  private final BitSet critical = new BitSet();
  private Strategy strategy = Strategy.RAREST_FIRST;

  PiecePriorities(int pieceCount) {
    this.pieceCount = pieceCount;
    this.priority = new int[pieceCount];
  }

  /** Sets the order of pieces of equal priority. */
  public void strategy(Strategy newStrategy) {
    this.strategy = Objects.requireNonNull(newStrategy, "strategy");
  }

  /** The current strategy. */
  public Strategy strategy() {
    return strategy;
  }

  /** Wants pieces {@code from..to} at {@code prio} (higher first; 0 is normal). */
  public void select(int from, int to, int prio) {
    Objects.checkFromToIndex(from, to + 1, pieceCount);
    if (prio < 0) {
      throw new IllegalArgumentException("priority must not be negative: " + prio);
    }
    Arrays.fill(priority, from, to + 1, prio);
  }

  /** Stops wanting pieces {@code from..to}; requests already sent may still land. */
  public void deselect(int from, int to) {
    Objects.checkFromToIndex(from, to + 1, pieceCount);
    Arrays.fill(priority, from, to + 1, NOT_WANTED);
    critical.clear(from, to + 1);
  }

  /** Pieces {@code from..to} go before everything else, in index order (and are wanted). */
  public void critical(int from, int to) {
    Objects.checkFromToIndex(from, to + 1, pieceCount);
    critical.set(from, to + 1);
    for (int i = from; i <= to; i++) {
      priority[i] = Math.max(priority[i], NORMAL);
    }
  }

  /** Pieces {@code from..to} are no longer critical. */
  public void clearCritical(int from, int to) {
    Objects.checkFromToIndex(from, to + 1, pieceCount);
    critical.clear(from, to + 1);
  }

  /** The priority of {@code piece}, {@link #NOT_WANTED} when deselected. */
  public int priority(int piece) {
    return priority[Objects.checkIndex(piece, pieceCount)];
  }

  /** Whether {@code piece} is critical. */
  public boolean isCritical(int piece) {
    return critical.get(Objects.checkIndex(piece, pieceCount));
  }

  boolean selected(int piece) {
    return priority[piece] != NOT_WANTED;
  }

  /**
   * Whether piece {@code i} should be picked before {@code j}; pieces with equal keys keep the
   * caller's scan order, which the picker randomises for rarest first.
   */
  boolean better(int i, int j, BitSet started, int[] availability) {
    boolean ci = critical.get(i);
    if (ci != critical.get(j)) {
      return ci;
    }
    if (ci) {
      return i < j;
    }
    if (priority[i] != priority[j]) {
      return priority[i] > priority[j];
    }
    boolean si = started.get(i);
    if (si != started.get(j)) {
      return si;
    }
    if (strategy == Strategy.SEQUENTIAL) {
      return i < j;
    }
    return availability[i] < availability[j];
  }
}
