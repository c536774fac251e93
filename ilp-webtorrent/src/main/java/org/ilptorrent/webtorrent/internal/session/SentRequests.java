package org.ilptorrent.webtorrent.internal.session;

/**
 * Our own record of the requests sent to one peer and not answered, in the order sent. Blocks
 * usually arrive in that order, so the search from the oldest finds them at once; nothing is boxed.
 */
final class SentRequests {
  private long[] ring = new long[64];
  private int head;
  private int size;

  static long key(int piece, int begin) {
    return ((long) piece << 32) | (begin & 0xFFFFFFFFL);
  }

  int size() {
    return size;
  }

  void add(int piece, int begin) {
    if (size == ring.length) {
      long[] bigger = new long[ring.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = ring[(head + i) & (ring.length - 1)];
      }
      ring = bigger;
      head = 0;
    }
    ring[(head + size) & (ring.length - 1)] = key(piece, begin);
    size++;
  }

  /** Removes the request; false when it was not outstanding. */
  boolean remove(int piece, int begin) {
    long key = key(piece, begin);
    int mask = ring.length - 1;
    for (int i = 0; i < size; i++) {
      if (ring[(head + i) & mask] == key) {
        if (i == 0) {
          head = (head + 1) & mask;
        } else {
          for (int j = i; j < size - 1; j++) {
            ring[(head + j) & mask] = ring[(head + j + 1) & mask];
          }
        }
        size--;
        return true;
      }
    }
    return false;
  }

  void clear() {
    head = 0;
    size = 0;
  }
}
