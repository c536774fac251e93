package org.ilptorrent.tracker.server.internal.net;

import java.time.Duration;

/**
 * Bounds of the front door: connections, request heads, time to send a request, WebSocket frame
 * size and idle time.
 */
public record Limits(
    int maxConnections,
    int maxHeadBytes,
    int maxHeaders,
    Duration requestTimeout,
    Duration webSocketIdle,
    int maxFrameBytes) {
  public Limits {
    if (maxConnections < 1 || maxHeadBytes < 256 || maxHeaders < 1 || maxFrameBytes < 1024) {
      throw new IllegalArgumentException("limits too small");
    }
    if (requestTimeout.isNegative()
        || requestTimeout.isZero()
        || webSocketIdle.isNegative()
        || webSocketIdle.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
