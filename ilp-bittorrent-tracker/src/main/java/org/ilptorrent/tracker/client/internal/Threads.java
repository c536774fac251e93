package org.ilptorrent.tracker.client.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads: {@code ilp-tracker-client-<role>-<n>}. */
final class Threads {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private Threads() {}

  static ThreadFactory factory(String role) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t =
          new Thread(r, "ilp-tracker-client-" + role + "-" + pool + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  static Thread daemon(Runnable r, String role) {
    Thread t = new Thread(r, "ilp-tracker-client-" + role + "-" + POOLS.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
