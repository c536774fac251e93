package org.ilptorrent.discovery.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads: {@code ilp-discovery-<role>-<n>}. */
public final class DaemonThreads {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private DaemonThreads() {}

  /** A factory whose every thread gets a fresh number. */
  public static ThreadFactory factory(String role) {
    return r -> thread(r, role);
  }

  /** An unstarted daemon thread. */
  public static Thread thread(Runnable r, String role) {
    Thread t = new Thread(r, "ilp-discovery-" + role + "-" + COUNT.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
