package org.ilptorrent.webtorrent.internal.pick;

import java.util.ArrayList;
import java.util.List;

/** The blocks of one piece being downloaded: free, requested (from how many peers) or received. */
final class PieceProgress<P> {
  static final byte FREE = 0;
  static final byte REQUESTED = 1;
  static final byte RECEIVED = 2;

  final byte[] state;

  /** Outstanding requests per block: more than one only in end game. */
  final byte[] requests;

  int free;
  int received;

  /** Peers that delivered blocks of this piece, to blame when its hash fails. */
  final List<P> contributors = new ArrayList<>(2);

  PieceProgress(int blocks) {
    this.state = new byte[blocks];
    this.requests = new byte[blocks];
    this.free = blocks;
  }

  int blocks() {
    return state.length;
  }

  int firstFree() {
    if (free == 0) {
      return -1;
    }
    for (int b = 0; b < state.length; b++) {
      if (state[b] == FREE) {
        return b;
      }
    }
    return -1;
  }

  void request(int block) {
    if (state[block] == FREE) {
      state[block] = REQUESTED;
      free--;
    }
    requests[block]++;
  }

  /** One request for {@code block} is gone; the block is free again when it was the last. */
  void release(int block) {
    if (state[block] == REQUESTED && --requests[block] <= 0) {
      requests[block] = 0;
      state[block] = FREE;
      free++;
    }
  }

  void receive(int block, P from) {
    if (state[block] == FREE) {
      free--;
    }
    state[block] = RECEIVED;
    requests[block] = 0;
    received++;
    if (!contributors.contains(from)) {
      contributors.add(from);
    }
  }

  boolean complete() {
    return received == state.length;
  }
}
