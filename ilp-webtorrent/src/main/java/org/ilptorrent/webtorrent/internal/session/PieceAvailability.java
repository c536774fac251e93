package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.BitSet;

/**
 * The verified pieces as seen by reader threads (streams): the session marks pieces, readers block
 * until theirs is marked, or the torrent fails or is removed.
 */
public final class PieceAvailability {
  private final BitSet verified = new BitSet();
  private IOException failure;

  synchronized void set(int piece) {
    verified.set(piece);
    notifyAll();
  }

  synchronized void setAll(BitSet pieces) {
    verified.or(pieces);
    notifyAll();
  }

  synchronized void fail(IOException cause) {
    if (failure == null) {
      failure = cause;
    }
    notifyAll();
  }

  /** Whether {@code piece} is verified. */
  public synchronized boolean has(int piece) {
    return verified.get(piece);
  }

  /**
   * Waits until {@code piece} is verified.
   *
   * @throws IOException when the torrent failed or was removed first
   * @throws InterruptedIOException when the waiting thread is interrupted (its flag is set again)
   */
  public synchronized void await(int piece) throws IOException {
    while (!verified.get(piece)) {
      if (failure != null) {
        throw new IOException(failure.getMessage(), failure);
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for piece " + piece);
      }
    }
  }
}
