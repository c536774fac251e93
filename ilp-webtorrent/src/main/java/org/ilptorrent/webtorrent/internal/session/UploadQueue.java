package org.ilptorrent.webtorrent.internal.session;

/** Requests a peer sent us, waiting to be served in order: a ring of (piece, begin, length). */
final class UploadQueue {
  private final int capacity;
  private final int[] ring;
  private int head;
  private int size;

  UploadQueue(int capacity) {
    this.capacity = capacity;
    this.ring = new int[capacity * 3];
  }

  boolean isFull() {
    return size == capacity;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void add(int piece, int begin, int length) {
    int at = ((head + size) % capacity) * 3;
    ring[at] = piece;
    ring[at + 1] = begin;
    ring[at + 2] = length;
    size++;
  }

  int peekPiece() {
    return ring[head * 3];
  }

  int peekBegin() {
    return ring[head * 3 + 1];
  }

  int peekLength() {
    return ring[head * 3 + 2];
  }

  void pop() {
    head = (head + 1) % capacity;
    size--;
  }

  /** Drops a queued request (a cancel); false when it was not queued. */
  boolean remove(int piece, int begin, int length) {
    for (int i = 0; i < size; i++) {
      int at = ((head + i) % capacity) * 3;
      if (ring[at] == piece && ring[at + 1] == begin && ring[at + 2] == length) {
        for (int j = i; j < size - 1; j++) {
          int to = ((head + j) % capacity) * 3;
          int from = ((head + j + 1) % capacity) * 3;
          System.arraycopy(ring, from, ring, to, 3);
        }
        size--;
        return true;
      }
    }
    return false;
  }

  /** Hands every queued request to {@code each} and empties the queue. */
  void drain(Each each) {
    while (size > 0) {
      each.accept(peekPiece(), peekBegin(), peekLength());
      pop();
    }
  }

  interface Each {
    void accept(int piece, int begin, int length);
  }
}
