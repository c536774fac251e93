package org.ilptorrent.tracker.client;

import java.time.Clock;
import java.time.Duration;
import org.ilptorrent.tracker.client.internal.Settings;
import org.ilptorrent.tracker.client.internal.Transports;

/**
 * What tracker clients can share: one WebSocket per tracker URL (and peer id: a tracker knows one
 * peer per socket), one HTTP client, one UDP socket, and the timer and event threads. Give one pool
 * to every {@link TrackerClient} of an application so that a hundred torrents on one WebSocket
 * tracker use one socket, as WebTorrent does.
 *
 * <p>A client built without a pool gets a private one, closed with it. A shared pool is closed by
 * its owner, after its clients; closing it ends every client still using it.
 *
 * <pre>{@code
 * try (TrackerConnections pool = TrackerConnections.builder().build()) {
 *   TrackerClientOptions options = TrackerClientOptions.builder().connections(pool).build();
 *   TrackerClient a = TrackerClient.builder().options(options)...build();
 *   TrackerClient b = TrackerClient.builder().options(options)...build();
 * }
 * }</pre>
 */
public final class TrackerConnections implements AutoCloseable {
  private final Transports transports;

  private TrackerConnections(Settings settings) {
    this.transports = new Transports(settings);
  }

  /** A builder with the defaults of the options table in the README. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many WebSockets the pool holds now (open or reconnecting). */
  public int webSocketCount() {
    return transports.webSocketCount();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return transports.isClosed();
  }

  Transports transports() {
    return transports;
  }

  /** Closes every socket and stops the pool's threads. Idempotent. */
  @Override
  public void close() {
    transports.close();
  }

  /** Transport settings of a pool; every value has a default. */
  public static final class Builder {
    private final Settings defaults = Settings.defaults();
    private Duration requestTimeout = defaults.requestTimeout();
    private Duration connectTimeout = defaults.connectTimeout();
    private int maxResponseBytes = defaults.maxResponseBytes();
    private Duration udpTimeout = defaults.udpTimeout();
    private int udpRetries = defaults.udpRetries();
    private Duration reconnectMin = defaults.reconnectMin();
    private Duration reconnectMax = defaults.reconnectMax();
    private Duration retryDelay = defaults.retryDelay();
    private Clock clock = defaults.clock();
    private javax.net.ssl.SSLContext sslContext;

    Builder() {}

    /** The longest an HTTP announce or scrape may take: 15 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** The longest a TCP or WebSocket connect may take: 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** The largest HTTP answer or WebSocket frame accepted: 1 MiB (at least 1 KiB). */
    public Builder maxResponseBytes(int bytes) {
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * UDP retransmission (BEP 15): the first timeout (15 s), doubled per try, and how many times a
     * request is sent again (3, at most 8) before the tracker counts as unreachable.
     */
    public Builder udpRetransmit(Duration firstTimeout, int retries) {
      this.udpTimeout = firstTimeout;
      this.udpRetries = retries;
      return this;
    }

    /** WebSocket reconnect delays: from {@code min} (1 s), doubling to {@code max} (60 s). */
    public Builder reconnectBackoff(Duration min, Duration max) {
      this.reconnectMin = min;
      this.reconnectMax = max;
      return this;
    }

    /** How soon an unreachable HTTP or UDP tracker is tried again: 60 s (or its interval). */
    public Builder retryDelay(Duration delay) {
      this.retryDelay = delay;
      return this;
    }

    /** The clock for UDP connection-id lifetimes and minimum intervals: the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The TLS context for {@code https} and {@code wss} trackers (to trust a private CA, say); the
     * JDK's default by default. Host names are always checked against the certificates.
     */
    public Builder sslContext(javax.net.ssl.SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * Starts the pool's threads.
     *
     * @throws IllegalArgumentException when a setting is out of range
     */
    public TrackerConnections build() {
      return new TrackerConnections(
          new Settings(
              requestTimeout,
              connectTimeout,
              maxResponseBytes,
              udpTimeout,
              udpRetries,
              reconnectMin,
              reconnectMax,
              retryDelay,
              clock,
              sslContext));
    }
  }
}
