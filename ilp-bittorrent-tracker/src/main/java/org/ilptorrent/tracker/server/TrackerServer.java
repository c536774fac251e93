package org.ilptorrent.tracker.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.tracker.server.internal.HttpTracker;
import org.ilptorrent.tracker.server.internal.PaidSwarms;
import org.ilptorrent.tracker.server.internal.TrackerRoutes;
import org.ilptorrent.tracker.server.internal.WsProtocol;
import org.ilptorrent.tracker.server.internal.net.FrontDoor;
import org.ilptorrent.tracker.server.internal.net.Handlers;
import org.ilptorrent.tracker.server.internal.net.Limits;

/**
 * A BitTorrent/WebTorrent tracker: WebSocket (npm bittorrent-tracker 11's protocol) and HTTP (BEP
 * 3, 23, 7, 48) on one port, with licence-gated swarms for paid torrents.
 *
 * <pre>{@code
 * try (TrackerServer tracker = TrackerServer.builder().port(8000).start()) {
 *   URI ws = tracker.webSocketUri(); // ws://127.0.0.1:8000
 *   URI http = tracker.httpAnnounceUri().orElseThrow(); // http://127.0.0.1:8000/announce
 * }
 * }</pre>
 */
public final class TrackerServer implements AutoCloseable {
  private final WsProtocol protocol;
  private final PaidSwarms paid;
  private final FrontDoor front;
  private final ScheduledExecutorService maintenance;
  private final String host;
  private final org.ilptorrent.tracker.server.internal.UdpTracker udp;
  private volatile boolean closed;

  private TrackerServer(Builder b) throws IOException {
    this.host = b.host;
    this.paid = new PaidSwarms(b.allowedVerifiers, b.dataDirectory);
    this.protocol =
        new WsProtocol(
            (int) Math.max(1, b.announceInterval.toSeconds() / 5),
            b.maxPeersPerSwarm,
            b.clock,
            paid);
    List<InetSocketAddress> addresses = new ArrayList<>();
    addresses.add(new InetSocketAddress(b.host, b.port));
    if (b.httpPort >= 0) {
      addresses.add(new InetSocketAddress(b.host, b.httpPort));
    }
    HttpTracker httpTracker =
        new HttpTracker(protocol, paid, (int) Math.max(1, b.announceInterval.toSeconds()));
    Duration wsIdle = b.announceInterval.dividedBy(5).multipliedBy(2).plusSeconds(30);
    try {
      this.front =
          new FrontDoor(
              addresses,
              new Limits(
                  b.maxConnections, 16 * 1024, 100, b.requestTimeout, wsIdle, b.maxFrameBytes),
              new TrackerRoutes(
                  httpTracker,
                  paid,
                  () -> stats().toJson(),
                  b.registrationToken,
                  b.maxTorrentBytes),
              new Handlers.WebSocketMessages() {
                @Override
                public void onMessage(org.java_websocket.WebSocket socket, String text) {
                  protocol.onMessage(socket, text);
                }

                @Override
                public void onClose(org.java_websocket.WebSocket socket) {
                  protocol.onClose(socket);
                }
              },
              b.ioThreads,
              "ilp-tracker-io");
    } catch (IOException e) {
      paid.close();
      throw e;
    }
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ilp-tracker-maintenance");
              t.setDaemon(true);
              return t;
            });
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

  /** The port the tracker listens on for WebSocket and HTTP. */
  public int port() {
    return front.ports().get(0);
  }

  /** The announce URL for WebSocket clients, such as {@code ws://127.0.0.1:8000}. */
  public URI webSocketUri() {
    return URI.create("ws://" + host + ":" + port());
  }

  /**
   * The HTTP announce URL, such as {@code http://127.0.0.1:8000/announce}: on the {@link
   * Builder#httpPort extra HTTP port} when one is set, else on the main port.
   */
  public Optional<URI> httpAnnounceUri() {
    List<Integer> ports = front.ports();
    int httpPort = ports.get(ports.size() - 1);
    return Optional.of(URI.create("http://" + host + ":" + httpPort + "/announce"));
  }

  /**
   * Registers a paid torrent: its licence must be committed inside {@code info} and name a verifier
   * on the allow-list. Announces for it then need the price spent at that verifier (the {@code
   * requestId} balance id) or the returned seeder token ({@code seeder_token}). Registering the
   * same torrent again returns the same token. {@code POST /torrents} does the same over HTTP.
   *
   * @return the seeder token for the publisher's seeders
   * @throws PaidTorrentException when the torrent cannot be registered
   * @throws org.ilptorrent.parse.InvalidTorrentException when the bytes are not a torrent
   * @throws java.io.UncheckedIOException when the data directory cannot be written
   */
  public String registerPaidTorrent(byte[] torrentFile) {
    return paid.register(torrentFile).registered().seederToken();
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

  /** Counts of torrents, peers and connections now. */
  public TrackerStats stats() {
    int[] c = protocol.census();
    return new TrackerStats(
        c[0], c[1], c[2], c[3], c[4], c[5], paid.size(), front.connectionCount());
  }

  /** Closes every connection and stops listening. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    maintenance.shutdownNow();
    front.close();
    if (udp != null) {
      udp.close();
    }
    try {
      paid.close();
    } catch (IOException e) {
      // Every journal append was forced to disk when it was made; nothing is lost here.
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
    private int maxConnections = 20_000;
    private int ioThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
    private long maxTorrentBytes = 8 * 1024 * 1024;
    private Duration requestTimeout = Duration.ofSeconds(15);
    private String registrationToken;
    private Path dataDirectory;
    private Clock clock = Clock.systemUTC();
    private final List<URI> allowedVerifiers = new ArrayList<>();

    Builder() {}

    /** Allows paid torrents whose licence names this verifier (none by default). */
    public Builder allowVerifier(URI verifier) {
      allowedVerifiers.add(Objects.requireNonNull(verifier));
      return this;
    }

    /** The address to bind; 127.0.0.1 by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The port for WebSocket and HTTP; 0 (a free one) by default. */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /** Also listens on this port (0: a free one), for HTTP announcers; off by default. */
    public Builder httpPort(int port) {
      this.httpPort = checkPort(port);
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
      if (interval.toSeconds() < 5) {
        throw new IllegalArgumentException("the announce interval must be at least 5 seconds");
      }
      this.announceInterval = interval;
      return this;
    }

    /** The most peers kept per torrent (1,000); the longest idle go first. */
    public Builder maxPeersPerSwarm(int peers) {
      this.maxPeersPerSwarm = positive(peers);
      return this;
    }

    /** The largest WebSocket frame accepted (64 KiB); larger ones close the connection. */
    public Builder maxFrameBytes(int bytes) {
      this.maxFrameBytes = positive(bytes);
      return this;
    }

    /** The most open connections (20,000); more are closed as they arrive. */
    public Builder maxConnections(int connections) {
      this.maxConnections = positive(connections);
      return this;
    }

    /**
     * How long a connection may take to send an HTTP request (15 s), counted from its last byte
     * received; slower ones are closed.
     */
    public Builder requestTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the request timeout must be positive");
      }
      this.requestTimeout = timeout;
      return this;
    }

    /** Selector threads serving the connections (the number of cores, at most 4). */
    public Builder ioThreads(int threads) {
      this.ioThreads = positive(threads);
      return this;
    }

    /** The largest .torrent accepted by {@code POST /torrents} (8 MiB; at most 1 GiB). */
    public Builder maxTorrentBytes(long bytes) {
      if (bytes < 1 || bytes > 1L << 30) {
        throw new IllegalArgumentException("must be 1 byte to 1 GiB: " + bytes);
      }
      this.maxTorrentBytes = bytes;
      return this;
    }

    /**
     * Requires {@code Authorization: Bearer <token>} on {@code POST /torrents}; by default anyone
     * may register a paid torrent over HTTP.
     */
    public Builder registrationToken(String token) {
      this.registrationToken = Objects.requireNonNull(token);
      return this;
    }

    /**
     * Keeps registered paid torrents and entitlements in this directory, so that a restarted
     * tracker neither forgets a torrent nor charges a balance id twice; in memory only by default.
     */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = Objects.requireNonNull(dir);
      return this;
    }

    /** The clock for peer expiry. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Starts the tracker.
     *
     * @throws IOException when a port cannot be bound or the data directory cannot be read
     */
    public TrackerServer start() throws IOException {
      return new TrackerServer(this);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      return port;
    }

    private static int positive(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("must be positive: " + n);
      }
      return n;
    }
  }
}
