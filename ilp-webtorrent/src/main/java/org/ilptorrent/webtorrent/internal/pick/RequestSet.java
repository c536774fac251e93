package org.ilptorrent.webtorrent.internal.pick;

import java.util.Arrays;

/**
 * The blocks one peer has been asked for and not delivered, as {@code piece << 32 | block} keys. A
 * pipeline holds at most a few hundred requests, so a flat array beats a hash set and boxes
 * nothing.
 */
final class RequestSet {
  private long[] keys = new long[16];
  private int size;

  static long key(int piece, int block) {
    return ((long) piece << 32) | (block & 0xFFFFFFFFL);
  }

  static int piece(long key) {
    return (int) (key >>> 32);
  }

  static int block(long key) {
    return (int) key;
  }

  int size() {
    return size;
  }

  long get(int i) {
    return keys[i];
  }

  boolean contains(long key) {
    return indexOf(key) >= 0;
  }

  void add(long key) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size++] = key;
  }

  /** Removes the key; false when it was not there. Order is not kept. */
  boolean remove(long key) {
    int i = indexOf(key);
    if (i < 0) {
      return false;
    }
    keys[i] = keys[--size];
    return true;
  }

  void clear() {
    size = 0;
  }

  private int indexOf(long key) {
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    return -1;
  }
}
