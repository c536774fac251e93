package org.ilptorrent.webtorrent.internal.session;

/**
 * A torrent's payload bytes both ways: totals and rates. Counted on the loop thread; read from any
 * thread (the totals are volatile, the rates publish themselves).
 */
final class TransferCounters {
  private final RateMeter downRate = new RateMeter(System.nanoTime());
  private final RateMeter upRate = new RateMeter(System.nanoTime());
  private volatile long downloaded;
  private volatile long uploaded;

  /** Loop thread. */
  void downloaded(int bytes) {
    downRate.add(bytes);
    downloaded += bytes;
  }

  /** Loop thread. */
  void uploaded(int bytes) {
    upRate.add(bytes);
    uploaded += bytes;
  }

  /** Closes a rate bucket; loop thread, once a tick. */
  void tick(long nanos) {
    downRate.tick(nanos);
    upRate.tick(nanos);
  }

  long downloaded() {
    return downloaded;
  }

  long uploaded() {
    return uploaded;
  }

  double downRate() {
    return downRate.rate();
  }

  double upRate() {
    return upRate.rate();
  }
}
