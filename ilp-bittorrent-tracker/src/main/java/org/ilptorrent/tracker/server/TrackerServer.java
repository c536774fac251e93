package org.ilptorrent.tracker.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.tracker.server.internal.PaidSwarms;
import org.ilptorrent.tracker.server.internal.WsEndpoint;
import org.ilptorrent.tracker.server.internal.WsProtocol;

/**
 * A WebSocket tracker for WebTorrent peers, speaking npm bittorrent-tracker 11's protocol:
 * announces, WebRTC offers forwarded to random peers of the swarm, answers routed back, scrapes.
 *
 * <pre>{@code
 * try (TrackerServer tracker = TrackerServer.builder().port(8000).start()) {
 *   URI announce = tracker.webSocketUri(); // ws://127.0.0.1:8000
 * }
 * }</pre>
 */
public final class TrackerServer implements AutoCloseable {
  private final WsEndpoint endpoint;
  private final WsProtocol protocol;
  private final PaidSwarms paid;
  private final ScheduledExecutorService maintenance;
  private final String host;
  private final com.sun.net.httpserver.HttpServer http;
  private final java.util.concurrent.ExecutorService httpExecutor;
  private final org.ilptorrent.tracker.server.internal.UdpTracker udp;
  private volatile boolean closed;

  private TrackerServer(Builder b) throws IOException {
    this.host = b.host;
    this.paid = new PaidSwarms(b.allowedVerifiers);
    this.protocol =
        new WsProtocol(
            (int) Math.max(1, b.announceInterval.toSeconds() / 5),
            b.maxPeersPerSwarm,
            b.clock,
            paid);
    CountDownLatch started = new CountDownLatch(1);
    this.endpoint =
        new WsEndpoint(
            new InetSocketAddress(b.host, b.port), b.maxFrameBytes, protocol, started::countDown);
    endpoint.start();
    try {
      if (!started.await(10, TimeUnit.SECONDS)) {
        endpoint.stop(0);
        throw new IOException("the tracker did not start listening on port " + b.port);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting", e);
    }
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ilp-tracker-maintenance");
              t.setDaemon(true);
              return t;
            });
    maintenance.scheduleWithFixedDelay(endpoint::flushStalled, 20, 20, TimeUnit.MILLISECONDS);
    if (b.httpPort >= 0) {
      http =
          com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(b.host, b.httpPort), 128);
      http.createContext(
          "/",
          new org.ilptorrent.tracker.server.internal.HttpTracker(
              protocol, paid, (int) Math.max(1, b.announceInterval.toSeconds())));
      httpExecutor =
          Executors.newFixedThreadPool(
              8,
              r -> {
                Thread t = new Thread(r, "ilp-tracker-http");
                t.setDaemon(true);
                return t;
              });
      http.setExecutor(httpExecutor);
      http.start();
    } else {
      http = null;
      httpExecutor = null;
    }
    long idle = b.announceInterval.toMillis() * 2;
    maintenance.scheduleWithFixedDelay(
        () -> protocol.expire(idle), idle, idle / 4 + 1, TimeUnit.MILLISECONDS);
    this.udp = b.udpPort < 0 ? null : startUdp(b);
  }

  private org.ilptorrent.tracker.server.internal.UdpTracker startUdp(Builder b) throws IOException {
    try {
      return new org.ilptorrent.tracker.server.internal.UdpTracker(
          new InetSocketAddress(b.host, b.udpPort),
          protocol,
          paid,
          (int) Math.max(1, b.announceInterval.toSeconds()),
          b.clock);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A builder: 127.0.0.1, a free port, 10-minute announce interval (2 minutes over WebSocket). */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the tracker listens on. */
  public int port() {
    return endpoint.getPort();
  }

  /** The announce URL for WebSocket clients, such as {@code ws://127.0.0.1:8000}. */
  public URI webSocketUri() {
    return URI.create("ws://" + host + ":" + port());
  }

  /**
   * Registers a paid torrent: its licence must be committed inside {@code info} and name a verifier
   * on the allow-list. Announces for it then need the price spent at that verifier (the {@code
   * requestId} balance id) or the returned seeder token ({@code seeder_token}).
   *
   * @return the seeder token for the publisher's seeders
   * @throws PaidTorrentException when the torrent cannot be registered
   * @throws org.ilptorrent.parse.InvalidTorrentException when the bytes are not a torrent
   */
  public String registerPaidTorrent(byte[] torrentFile) {
    return paid.register(torrentFile).seederToken();
  }

  /** The HTTP announce URL, such as {@code http://127.0.0.1:8001/announce}, when HTTP is on. */
  public java.util.Optional<URI> httpAnnounceUri() {
    return http == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            URI.create("http://" + host + ":" + http.getAddress().getPort() + "/announce"));
  }

  /**
   * The UDP announce URL, such as {@code udp://127.0.0.1:8002}, when the UDP tracker (BEP 15) is
   * on. Paid torrents are refused over UDP, which cannot carry a balance id.
   */
  public java.util.Optional<URI> udpAnnounceUri() {
    return udp == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            URI.create(
                "udp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + udp.port()));
  }

  /** How many torrents currently have peers. */
  public int torrentCount() {
    return protocol.torrentCount();
  }

  /** Closes every connection and stops listening. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    maintenance.shutdownNow();
    if (http != null) {
      http.stop(0);
      httpExecutor.shutdownNow();
    }
    if (udp != null) {
      udp.close();
    }
    try {
      endpoint.stop(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Settings of a {@link TrackerServer}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Duration announceInterval = Duration.ofMinutes(10);
    private int maxPeersPerSwarm = 1000;
    private int httpPort = -1;
    private int udpPort = -1;
    private int maxFrameBytes = 64 * 1024;
    private Clock clock = Clock.systemUTC();
    private final java.util.List<URI> allowedVerifiers = new java.util.ArrayList<>();

    Builder() {}

    /** Allows paid torrents whose licence names this verifier (none by default). */
    public Builder allowVerifier(URI verifier) {
      allowedVerifiers.add(verifier);
      return this;
    }

    /** The address to bind; 127.0.0.1 by default. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port; 0 (a free one) by default. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Also serves the HTTP tracker on this port (0: a free one); off by default. */
    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    /**
     * Also serves the UDP tracker (BEP 15) on this port (0: a free one); off by default. UDP
     * clients get the HTTP announce interval; announces of paid torrents are refused.
     *
     * @throws IllegalArgumentException when the port is not 0..65535
     */
    public Builder udpPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("udpPort must be 0..65535, got " + port);
      }
      this.udpPort = port;
      return this;
    }

    /** The announce interval of HTTP and UDP clients; WebSocket clients get a fifth of it. */
    public Builder announceInterval(Duration interval) {
      this.announceInterval = interval;
      return this;
    }

    /** The most peers kept per torrent (1,000); the longest idle go first. */
    public Builder maxPeersPerSwarm(int peers) {
      this.maxPeersPerSwarm = peers;
      return this;
    }

    /** The largest WebSocket frame accepted (64 KiB); larger ones close the connection. */
    public Builder maxFrameBytes(int bytes) {
      this.maxFrameBytes = bytes;
      return this;
    }

    /** The clock for peer expiry. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Starts the tracker. */
    public TrackerServer start() throws IOException {
      return new TrackerServer(this);
    }
  }
}
