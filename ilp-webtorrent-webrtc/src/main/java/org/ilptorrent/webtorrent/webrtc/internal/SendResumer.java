package org.ilptorrent.webtorrent.webrtc.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes data channel senders that paused on a full buffer once it drained. webrtc-java never calls
 * {@code onBufferedAmountChange}, so the buffered amount of each paused channel is polled, every
 * millisecond while any is paused; the thread sleeps otherwise.
 */
final class SendResumer implements AutoCloseable {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Set<DataChannelStream> paused = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean running = true;

  SendResumer(String name) {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Polls {@code stream} until it can take more. */
  void pause(DataChannelStream stream) {
    paused.add(stream);
    LockSupport.unpark(thread);
  }

  private void run() {
    while (running) {
      if (paused.isEmpty()) {
        LockSupport.park(this);
        continue;
      }
      paused.removeIf(DataChannelStream::tryResume);
      LockSupport.parkNanos(this, POLL_NANOS);
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
  }
}
