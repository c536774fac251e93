package org.ilptorrent.tracker.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.netty.server.HttpResponse;
import org.ilptorrent.netty.server.NettyHttpServer;
import org.ilptorrent.netty.server.ServerTransport;
import org.ilptorrent.netty.server.WebSocketService;
import org.ilptorrent.netty.server.WebSocketSession;
import org.ilptorrent.tracker.server.internal.HttpTracker;
import org.ilptorrent.tracker.server.internal.OperatorToken;
import org.ilptorrent.tracker.server.internal.PaidSwarms;
import org.ilptorrent.tracker.server.internal.TrackerRoutes;
import org.ilptorrent.tracker.server.internal.WsProtocol;

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
  private final NettyHttpServer front;
  private final ScheduledExecutorService maintenance;
  private final String host;
  private final org.ilptorrent.tracker.server.internal.UdpTracker udp;
  private final String registrationToken;
  private final boolean registrationTokenCreated;
  private volatile boolean closed;

  private TrackerServer(Builder b) throws IOException {
    this.host = b.host;
    this.paid =
        new PaidSwarms(
            b.allowedVerifiers,
            b.dataDirectory,
            b.redis,
            b.spendTimeout,
            b.ticketLifetime,
            b.clock);
    this.protocol =
        new WsProtocol(
            (int) Math.max(1, b.announceInterval.toSeconds() / 5),
            b.maxPeersPerSwarm,
            b.maxPeersPerPayment,
            b.clock,
            paid);
    paid.onRegistered(protocol::dropUnadmitted);
    if (b.registrationToken != null || b.openRegistration) {
      this.registrationToken = b.registrationToken;
      this.registrationTokenCreated = false;
    } else {
      OperatorToken operator;
      try {
        operator = OperatorToken.load(b.dataDirectory);
      } catch (IOException e) {
        paid.close();
        throw e;
      }
      this.registrationToken = operator.token();
      this.registrationTokenCreated = operator.created();
    }
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ilp-tracker-maintenance");
              t.setDaemon(true);
              return t;
            });
    HttpTracker httpTracker =
        new HttpTracker(protocol, paid, (int) Math.max(1, b.announceInterval.toSeconds()));
    TrackerRoutes routes =
        new TrackerRoutes(
            httpTracker,
            paid,
            () -> stats().toJson(),
            registrationToken,
            b.openRegistration
                ? new TrackerRoutes.OpenRegistration(
                    b.maxRegistrationsPerAddress, b.maxStoredTorrentBytes)
                : null,
            b.maxTorrentBytes,
            b.clock,
            maintenance);
    Duration wsIdle = b.announceInterval.dividedBy(5).multipliedBy(2).plusSeconds(30);
    NettyHttpServer.Builder server =
        NettyHttpServer.asyncBuilder("tracker", routes)
            .host(b.host)
            .port(b.port)
            .transport(b.ioTransport)
            .maxConnections(b.maxConnections, b.maxConnectionsPerAddress)
            .idleTimeout(b.requestTimeout)
            .requestTimeout(b.requestTimeout)
            .maxBody((int) b.maxTorrentBytes, HttpResponse.text(413, "request body too large"))
            .headFilter(routes)
            .webSocket(
                new WebSocketService() {
                  @Override
                  public void onText(WebSocketSession session, String text) {
                    protocol.onMessage(session, text);
                  }

                  @Override
                  public void onText(WebSocketSession session, byte[] utf8, int length) {
                    protocol.onMessage(session, utf8, length);
                  }

                  @Override
                  public void onClose(WebSocketSession session) {
                    protocol.onClose(session);
                  }
                },
                b.maxFrameBytes,
                wsIdle);
    if (b.httpPort >= 0) {
      server.extraPort(b.httpPort);
    }
    try {
      this.front = server.start();
    } catch (IOException | RuntimeException e) {
      maintenance.shutdownNow();
      paid.close();
      throw e;
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

  /** The port the tracker listens on for WebSocket and HTTP. */
  public int port() {
    return front.port();
  }

  /** The announce URL for WebSocket clients, such as {@code ws://127.0.0.1:8000}. */
  public URI webSocketUri() {
    return URI.create("ws://" + hostInUrl() + ":" + port());
  }

  /**
   * The HTTP announce URL, such as {@code http://127.0.0.1:8000/announce}: on the {@link
   * Builder#httpPort extra HTTP port} when one is set, else on the main port.
   */
  public Optional<URI> httpAnnounceUri() {
    List<Integer> ports = front.ports();
    int httpPort = ports.get(ports.size() - 1);
    return Optional.of(URI.create("http://" + hostInUrl() + ":" + httpPort + "/announce"));
  }

  /**
   * Registers a paid torrent: its licence must be committed inside {@code info}, name a verifier on
   * the allow-list and an amount of at most 2^63-1. Announces for it then need the price spent at
   * that verifier (the {@code requestId} balance id) or the returned seeder token ({@code
   * seeder_token}). Peers that joined its swarm while it was free are removed. The tracker keeps
   * only a digest of the token, so it is given out once: registering the same torrent again throws
   * ({@link PaidTorrentException.Reason#ALREADY_REGISTERED}). {@code POST /torrents} does the same
   * over HTTP.
   *
   * @return the seeder token for the publisher's seeders
   * @throws PaidTorrentException when the torrent cannot be registered
   * @throws org.ilptorrent.parse.InvalidTorrentException when the bytes are not a torrent
   * @throws java.io.UncheckedIOException when the data directory cannot be written
   */
  public String registerPaidTorrent(byte[] torrentFile) {
    PaidSwarms.Registration r = paid.register(torrentFile);
    if (!r.created()) {
      throw new PaidTorrentException(
          PaidTorrentException.Reason.ALREADY_REGISTERED, "already registered");
    }
    return r.seederToken();
  }

  /**
   * The public key that signs this tracker's access tickets (Ed25519): generated on first start and
   * kept in {@code <data directory>/ticket-key} (mode 0600; a new one per start without a data
   * directory). {@code POST /torrents} answers it as {@code ticketKey} (64 hex digits, {@link
   * org.ilptorrent.tracker.AccessKeys#toHex}); a seeder of a torrent registered with {@link
   * #registerPaidTorrent} takes it from here.
   */
  public PublicKey ticketKey() {
    return paid.ticketKeyPair().getPublic();
  }

  /**
   * The operator token that {@code POST /torrents} requires as {@code Authorization: Bearer}: the
   * builder's {@link Builder#registrationToken}, or else one generated on first start and kept in
   * {@code <data directory>/operator-token} (mode 0600; a new one per start without a data
   * directory). Empty only with {@link Builder#openRegistration open registration}.
   */
  public Optional<String> registrationToken() {
    return Optional.ofNullable(registrationToken);
  }

  /**
   * Whether this start generated the {@link #registrationToken() operator token}: the first start
   * with a data directory, or every start without one. Show it to the operator then.
   */
  public boolean registrationTokenCreated() {
    return registrationTokenCreated;
  }

  /**
   * The UDP announce URL, such as {@code udp://127.0.0.1:8002}, when the UDP tracker (BEP 15) is
   * on. Paid torrents are refused over UDP, which cannot carry a balance id.
   */
  public java.util.Optional<URI> udpAnnounceUri() {
    return udp == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(URI.create("udp://" + hostInUrl() + ":" + udp.port()));
  }

  /** The bind address as a URL's host: an IPv6 literal goes in brackets. */
  private String hostInUrl() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** How many torrents currently have peers. */
  public int torrentCount() {
    return protocol.torrentCount();
  }

  /** Counts of torrents, peers and connections now. */
  public TrackerStats stats() {
    int[] c = protocol.census();
    return new TrackerStats(
        c[0], c[1], c[2], c[3], c[4], c[5], paid.size(), front.openConnections());
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
    private int maxConnectionsPerAddress = 1_000;
    private long maxTorrentBytes = 8 * 1024 * 1024;
    private Duration requestTimeout = Duration.ofSeconds(15);
    private Duration spendTimeout = Duration.ofSeconds(15);
    private Duration ticketLifetime = Duration.ofHours(1);
    private int maxPeersPerPayment = 2;
    private boolean openRegistration;
    private int maxRegistrationsPerAddress = 10;
    private long maxStoredTorrentBytes = 256L * 1024 * 1024;
    private String registrationToken;
    private Path dataDirectory;
    private URI redis;
    private Clock clock = Clock.systemUTC();
    private ServerTransport ioTransport = ServerTransport.AUTO;
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

    /**
     * The most distinct peers one payment (an info hash and balance id) has in a paid swarm at a
     * time (2); a slot frees when its peer leaves (stopped, expired, socket closed). Further peers
     * get the failure reason {@code too many peers for this payment}.
     */
    public Builder maxPeersPerPayment(int peers) {
      this.maxPeersPerPayment = positive(peers);
      return this;
    }

    /**
     * How long the tracker waits for a verifier's answer to a spend (15 s); after that the announce
     * gets {@code payment failed}, and the next announce repeats the spend with the same
     * idempotency key, so a spend that went through late is not charged twice.
     */
    public Builder spendTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the spend timeout must be positive");
      }
      this.spendTimeout = timeout;
      return this;
    }

    /**
     * How long an access ticket stays valid after the announce that got it (1 hour). Admitted
     * announces of paid torrents that carry {@code leecher_key} get a fresh one each time, so
     * clients that re-announce within this time always hold a valid one.
     */
    public Builder ticketLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("the ticket lifetime must be positive");
      }
      this.ticketLifetime = lifetime;
      return this;
    }

    /**
     * The network I/O transport, by name: {@code auto} (the default: epoll, else NIO), {@code
     * io_uring} (Linux io_uring, else epoll, else NIO), {@code epoll} or {@code nio}. A native
     * transport that does not load here (another OS or CPU, a kernel without io_uring) falls back
     * to the next one down. Servers of one JVM that choose the same transport share its event
     * loops.
     *
     * @throws IllegalArgumentException for another name
     */
    public Builder ioTransport(String name) {
      this.ioTransport = ServerTransport.parse(Objects.requireNonNull(name));
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
     * The most open connections from one remote address (1,000), WebSocket and HTTP together; more
     * from it are closed as they arrive, while other addresses are still served.
     */
    public Builder maxConnectionsPerAddress(int connections) {
      this.maxConnectionsPerAddress = positive(connections);
      return this;
    }

    /**
     * How long an HTTP request may take to arrive, from its first byte to its last (15 s), and how
     * long an HTTP connection may stay idle between requests; slower ones are closed.
     */
    public Builder requestTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the request timeout must be positive");
      }
      this.requestTimeout = timeout;
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
     * The operator token required as {@code Authorization: Bearer <token>} on {@code POST
     * /torrents}; by default one is generated on first start (see {@link
     * TrackerServer#registrationToken()}).
     */
    public Builder registrationToken(String token) {
      if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("a registration token is printable ASCII, no spaces");
      }
      this.registrationToken = token;
      return this;
    }

    /**
     * Lets anyone register paid torrents over {@code POST /torrents} without the operator token
     * (off by default), within {@link #maxRegistrationsPerAddress} (429 {@code too many
     * registrations}) and {@link #maxStoredTorrentBytes} (507 {@code registry full}). No operator
     * token is generated then; one set with {@link #registrationToken} still passes both bounds.
     */
    public Builder openRegistration(boolean open) {
      this.openRegistration = open;
      return this;
    }

    /** With open registration: registrations per source address (IPv6: per /64) per hour (10). */
    public Builder maxRegistrationsPerAddress(int registrations) {
      this.maxRegistrationsPerAddress = positive(registrations);
      return this;
    }

    /** With open registration: the most bytes of stored .torrent files, all together (256 MiB). */
    public Builder maxStoredTorrentBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("must be positive: " + bytes);
      }
      this.maxStoredTorrentBytes = bytes;
      return this;
    }

    /**
     * Keeps registered paid torrents and entitlements in this directory, so that a restarted
     * tracker neither forgets a torrent nor charges a balance id twice, with its operator token and
     * ticket key; in memory only by default.
     */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = Objects.requireNonNull(dir);
      return this;
    }

    /**
     * Keeps the payment state (registered paid torrents, entitlements, the ticket key) in the Redis
     * at {@code uri} ({@code redis://HOST:PORT[/DB]}, {@code rediss://} for TLS), shared by every
     * tracker on it, instead of the data directory (which still keeps the operator token). Swarms
     * stay in each tracker's memory: give each torrent one tracker (see the module README on
     * sharding). While Redis is unreachable, announces of paid torrents that no peer has paid for
     * through this tracker fail with {@code payment state unavailable, try again later}, and so do
     * announces with paid parameters ({@code seeder_token}, {@code requestId}, {@code leecher_key})
     * of torrents this tracker does not know as paid, which it otherwise looks up in Redis before
     * letting them in; free torrents are not affected. The tracker does not start when Redis is
     * unreachable.
     *
     * @throws IllegalArgumentException when {@code uri} is not a Redis URI
     */
    public Builder redis(URI uri) {
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss"))) {
        throw new IllegalArgumentException(
            "not a Redis URI (redis://HOST:PORT[/DB] or rediss://...)");
      }
      this.redis = uri;
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
