package org.ilptorrent.webtorrent.internal.pick;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How many block requests to keep outstanding at a peer: enough to cover {@code queueTime} of its
 * measured download rate, so the link never idles while requests travel, within {@code min..max}
 * and never more than the peer's own {@code reqq}.
 *
 * <p>{@code depth = clamp(ceil(rate × queueTime / 16 KiB), min, max)}. With the defaults (1 s, 8,
 * 256) a new peer gets 8 requests (128 KiB in flight) and the depth grows with the rate it shows;
 * 256 blocks (4 MiB) cover 4 GiB/s at 1 ms of latency, and beyond that memory matters more.
 *
 * @param queueTime how much transfer time the outstanding requests should cover
 * @param min depth for a peer with no measured rate yet
 * @param max hard upper bound
 */
public record PipelineDepth(Duration queueTime, int min, int max) {
  /** Checks the bounds. */
  public PipelineDepth {
    Objects.requireNonNull(queueTime, "queueTime");
    if (queueTime.isNegative() || queueTime.isZero()) {
      throw new IllegalArgumentException("queue time must be positive: " + queueTime);
    }
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("need 1 <= min <= max: " + min + ", " + max);
    }
  }

  /** 1 s of transfer, 8 to 256 requests. */
  public static PipelineDepth defaults() {
    return new PipelineDepth(Duration.ofSeconds(1), 8, 256);
  }

  /**
   * The depth for a peer delivering {@code bytesPerSecond} that accepts {@code peerQueue} requests
   * (its BEP 10 {@code reqq}, when it sent one).
   */
  public int depth(long bytesPerSecond, OptionalInt peerQueue) {
    double blocks = Math.max(0, bytesPerSecond) * (queueTime.toNanos() / 1e9) / PiecePicker.BLOCK;
    long wanted = (long) Math.ceil(Math.min(blocks, Integer.MAX_VALUE));
    int depth = (int) Math.max(min, Math.min(max, wanted));
    return peerQueue.isPresent() ? Math.max(1, Math.min(depth, peerQueue.getAsInt())) : depth;
  }
}
