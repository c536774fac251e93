package org.ilptorrent.netty.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Open connections in all and per remote address, each under its own cap. */
final class ConnectionLimits {
  private final int max;
  private final int perAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

  ConnectionLimits(int max, int perAddress) {
    this.max = max;
    this.perAddress = perAddress;
  }

  /** Counts a new connection from {@code address}, or refuses it when a cap is reached. */
  boolean tryAcquire(InetAddress address) {
    if (total.incrementAndGet() > max) {
      total.decrementAndGet();
      return false;
    }
    boolean[] admitted = {false};
    byAddress.compute(
        address,
        (a, n) -> {
          int open = n == null ? 0 : n;
          if (open >= perAddress) {
            return n;
          }
          admitted[0] = true;
          return open + 1;
        });
    if (!admitted[0]) {
      total.decrementAndGet();
    }
    return admitted[0];
  }

  /** Forgets a connection that {@link #tryAcquire} admitted. */
  void release(InetAddress address) {
    byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    total.decrementAndGet();
  }

  int open() {
    return total.get();
  }
}
