package org.ilptorrent.tracker.client.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * The transport settings a pool shares (see {@code TrackerConnections.Builder}).
 *
 * @param requestTimeout the longest an HTTP announce or scrape may take
 * @param connectTimeout the longest a TCP or WebSocket connect may take
 * @param maxResponseBytes the largest HTTP answer or WebSocket frame read
 * @param udpTimeout the first UDP retransmission timeout; it doubles per try (BEP 15)
 * @param udpRetries how many times a UDP request is sent again before giving up
 * @param reconnectMin the first WebSocket reconnect delay
 * @param reconnectMax the longest WebSocket reconnect delay
 * @param retryDelay how soon an unreachable HTTP or UDP tracker is tried again (at most the
 *     tracker's interval)
 * @param clock the time source for UDP connection ids and minimum intervals
 * @param sslContext the TLS context for https and wss trackers, {@code null} for the JDK's default
 */
public record Settings(
    Duration requestTimeout,
    Duration connectTimeout,
    int maxResponseBytes,
    Duration udpTimeout,
    int udpRetries,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration retryDelay,
    Clock clock,
    javax.net.ssl.SSLContext sslContext) {

  /** Validates every field. */
  public Settings {
    positive(requestTimeout, "requestTimeout");
    positive(connectTimeout, "connectTimeout");
    positive(udpTimeout, "udpTimeout");
    positive(reconnectMin, "reconnectMin");
    positive(reconnectMax, "reconnectMax");
    positive(retryDelay, "retryDelay");
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must be >= reconnectMin");
    }
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes must be >= 1024");
    }
    if (udpRetries < 0 || udpRetries > 8) {
      throw new IllegalArgumentException("udpRetries must be 0..8 (BEP 15 stops at 8)");
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock is required");
    }
  }

  /** The defaults: 15 s requests, 10 s connects, 1 MiB answers, BEP 15's 15 s, 1–60 s. */
  public static Settings defaults() {
    return new Settings(
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        1024 * 1024,
        Duration.ofSeconds(15),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        Clock.systemUTC(),
        null);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
