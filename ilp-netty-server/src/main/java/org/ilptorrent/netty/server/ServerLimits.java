package org.ilptorrent.netty.server;

import java.time.Duration;

/**
 * How many connections a server keeps open, in all and from one remote address, and how long a
 * connection may stay idle or take to send a request, each checked here once. Servers keep one in
 * their builders, with their own defaults, and hand it to {@link NettyHttpServer.Builder#limits}.
 *
 * @param maxConnections open connections allowed in all
 * @param maxConnectionsPerAddress open connections allowed from one remote address
 * @param idleTimeout a connection with no traffic for this long is closed
 * @param requestTimeout a request must arrive whole within this time of its first byte
 */
public record ServerLimits(
    int maxConnections,
    int maxConnectionsPerAddress,
    Duration idleTimeout,
    Duration requestTimeout) {

  /** {@link NettyHttpServer}'s defaults: 20,000 connections, 1,000 per address, 60 s, 10 s. */
  public static final ServerLimits DEFAULTS =
      new ServerLimits(20_000, 1_000, Duration.ofSeconds(60), Duration.ofSeconds(10));

  /** Checks that every limit is positive. */
  public ServerLimits {
    if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
    positive(idleTimeout);
    positive(requestTimeout);
  }

  /** These limits with other connection caps. */
  public ServerLimits withConnections(int total, int perAddress) {
    return new ServerLimits(total, perAddress, idleTimeout, requestTimeout);
  }

  /** These limits with other timeouts. */
  public ServerLimits withTimeouts(Duration idle, Duration request) {
    return new ServerLimits(maxConnections, maxConnectionsPerAddress, idle, request);
  }

  private static void positive(Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
