package org.ilptorrent.verifier.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.netty.server.NettyHttpServer;
import org.ilptorrent.netty.server.ServerLimits;
import org.ilptorrent.netty.server.ServerTransport;
import org.ilptorrent.verifier.internal.http.SharedHttpClient;
import org.ilptorrent.verifier.server.internal.Balances;
import org.ilptorrent.verifier.server.internal.Exchanges;
import org.ilptorrent.verifier.server.internal.PrivateFiles;
import org.ilptorrent.verifier.server.internal.RateLimiter;
import org.ilptorrent.verifier.server.internal.SpspProxy;
import org.ilptorrent.verifier.server.internal.VerifierHandler;

/**
 * The receipt verifier service on one HTTP port: balances ({@code POST
 * /balances/{id}:creditReceipt}, {@code POST /balances/{id}:spend}), the pointer registry ({@code
 * POST /proxy}, {@code DELETE /proxy/{hash}}) and the SPSP proxy ({@code GET /spsp/{hash}}, also
 * {@code GET /{hash}}). A drop-in for @coil/receipt-verifier 1.0.x's balances API plus the ILP
 * Torrent fork's registry.
 *
 * <pre>{@code
 * try (ReceiptVerifierServer verifier = ReceiptVerifierServer.builder().port(3000).start()) {
 *   PaymentPointer proxy = verifier.proxyPointer(registeredHash);
 * }
 * }</pre>
 */
public final class ReceiptVerifierServer implements AutoCloseable {
  /** The file in the data directory that keeps the generated operator token (mode 0600). */
  public static final String OPERATOR_TOKEN_FILE = "operator-token";

  private final NettyHttpServer server;
  private final ThreadPoolExecutor executor;
  private final VerifierStore store;
  private final boolean ownsStore;
  private final URI uri;
  private final String operatorToken;
  private volatile boolean closed;

  private ReceiptVerifierServer(Builder b) throws IOException {
    this.ownsStore = b.store == null;
    this.store =
        b.store != null
            ? b.store
            : b.dataDirectory != null
                ? JournalVerifierStore.open(b.dataDirectory, b.clock)
                : new MemoryVerifierStore(b.clock);
    try {
      this.operatorToken = operatorToken(b);
    } catch (IOException e) {
      if (ownsStore) {
        store.close();
      }
      throw e;
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            b.maxConcurrentRequests,
            b.maxConcurrentRequests,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(b.maxQueuedRequests),
            r -> {
              Thread t = new Thread(r, "ilp-verifier-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    HttpClient http = b.httpClient != null ? b.httpClient : SharedHttpClient.get();
    SpspProxy proxy = new SpspProxy(http, store, b.seed, b.nonceTtl, b.upstreamTimeout, b.clock);
    VerifierHandler.Settings settings =
        new VerifierHandler.Settings(
            b.seed,
            operatorToken,
            b.openRegistration,
            new RateLimiter<>(b.registrationsPerAddress, Duration.ofHours(1), b.clock),
            b.maxRegistrations,
            b.unboundSpends,
            new RateLimiter<>(b.spspQueries, b.spspPeriod, b.clock),
            b.clock);
    // Credits and spends of the built-in stores run on the event loops and are answered when the
    // journal says their record is forced (group commit) or Redis has answered; a store given on
    // the builder may block,
    // so its calls go to the worker pool, as do the registry and the SPSP proxy.
    Balances balances =
        store instanceof NonBlockingStore s ? s.balances() : Balances.blocking(store, executor);
    try {
      this.server =
          NettyHttpServer.asyncBuilder(
                  "verifier", new VerifierHandler(store, balances, proxy, settings, executor))
              .host(b.host)
              .port(b.port)
              .transport(b.ioTransport)
              .maxBody(VerifierHandler.MAX_BODY, Exchanges.text(413, "request entity too large"))
              .limits(b.limits)
              .start();
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      if (ownsStore) {
        store.close();
      }
      throw e;
    }
    String host = b.host.contains(":") ? "[" + b.host + "]" : b.host;
    this.uri =
        URI.create(
            "http://"
                + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":"
                + server.port());
  }

  private static String operatorToken(Builder b) throws IOException {
    if (b.registrationToken != null) {
      return b.registrationToken;
    }
    if (b.openRegistration) {
      return null;
    }
    if (b.dataDirectory != null) {
      return PrivateFiles.readOrCreate(
              b.dataDirectory.resolve(OPERATOR_TOKEN_FILE), PrivateFiles.randomToken())
          .value();
    }
    return PrivateFiles.randomToken();
  }

  /** A builder with defaults for local use: 127.0.0.1, a random port, memory store, random seed. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL, such as {@code http://127.0.0.1:3000}: the {@code verifier} of a licence. */
  public URI uri() {
    return uri;
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /**
   * The operator token: it registers pointers ({@code Authorization: Bearer <token>} on {@code POST
   * /proxy}) and removes any of them. The one set on the builder, else the one kept in the data
   * directory's {@value #OPERATOR_TOKEN_FILE} (made on first start), else a random one for this
   * process. Empty only with open registration and no token set.
   */
  public Optional<String> registrationToken() {
    return Optional.ofNullable(operatorToken);
  }

  /** The proxy pointer for a registered pointer's hash: {@code <uri>/spsp/<hash>}. */
  public PaymentPointer proxyPointer(String hash) {
    return PaymentPointer.parse(uri + "/spsp/" + hash);
  }

  /**
   * Closes the port and every connection at once (answers still in flight are dropped; a credit
   * whose record was forced stays credited), stops the worker threads and closes the store it
   * opened. Idempotent.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    executor.shutdownNow();
    if (ownsStore) {
      store.close();
    }
  }

  /** Settings of a {@link ReceiptVerifierServer}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private byte[] seed;
    private Duration nonceTtl = Duration.ofSeconds(300);
    private VerifierStore store;
    private Path dataDirectory;
    private String registrationToken;
    private Clock clock = Clock.systemUTC();
    private int maxConcurrentRequests = 32;
    private int maxQueuedRequests = 1024;
    private Duration upstreamTimeout = Duration.ofSeconds(10);
    private HttpClient httpClient;
    private boolean openRegistration;
    private int registrationsPerAddress = 10;
    private int maxRegistrations = 10_000;
    private boolean unboundSpends;
    private int spspQueries = 120;
    private ServerLimits limits =
        new ServerLimits(10_000, 256, Duration.ofSeconds(60), Duration.ofSeconds(10));
    private Duration spspPeriod = Duration.ofMinutes(1);
    private ServerTransport ioTransport = ServerTransport.AUTO;

    Builder() {}

    /** The address to bind; {@code 127.0.0.1} by default, so nothing is exposed by accident. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      this.port = port;
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

    /** The 32-byte receipt seed; random by default (receipts then die with the process). */
    public Builder seed(byte[] seed) {
      if (seed == null || seed.length != 32) {
        throw new IllegalArgumentException("the receipt seed must be 32 bytes");
      }
      this.seed = seed.clone();
      return this;
    }

    /** How long a nonce handed out by the SPSP proxy can be credited; 300 s by default. */
    public Builder nonceTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("the nonce TTL must be positive");
      }
      this.nonceTtl = ttl;
      return this;
    }

    /**
     * The store; not closed by the server. By default memory, or a journal in the data directory.
     */
    public Builder store(VerifierStore store) {
      this.store = store;
      return this;
    }

    /** Keeps state in a {@link JournalVerifierStore} in this directory. */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    /**
     * The operator token, which registers pointers and removes any of them ({@code Authorization:
     * Bearer <token>}). By default one is generated: kept in the data directory's {@value
     * #OPERATOR_TOKEN_FILE} (mode 0600) when there is one, else for this process only; see {@link
     * ReceiptVerifierServer#registrationToken()}.
     */
    public Builder registrationToken(String token) {
      if (token != null && (token.isBlank() || token.length() > 512)) {
        throw new IllegalArgumentException("a registration token is 1 to 512 characters");
      }
      this.registrationToken = token;
      return this;
    }

    /**
     * Lets anyone register a pointer without the operator token, within the {@link
     * #registrationQuota} (off by default). No operator token is generated then; one set with
     * {@link #registrationToken} still works.
     */
    public Builder openRegistration(boolean open) {
      this.openRegistration = open;
      return this;
    }

    /**
     * Limits of open registration: pointers one source address may register per hour (10), and
     * pointers registered in all (10,000). Past them: 429 {@code too many registrations}, 507
     * {@code registry full}. The operator token is not limited.
     */
    public Builder registrationQuota(int perAddressPerHour, int total) {
      if (perAddressPerHour < 1 || total < 1) {
        throw new IllegalArgumentException("registration quotas must be positive");
      }
      this.registrationsPerAddress = perAddressPerHour;
      this.maxRegistrations = total;
      return this;
    }

    /**
     * Compatibility with @coil/receipt-verifier (off by default): a spend without a {@code
     * Payment-Pointer} header takes from the sum of all the balance's buckets instead of being
     * refused with 400 {@code payment pointer required}. Receipts paid to any wallet then pay for
     * anything, so leave it off where balances pay for licences.
     */
    public Builder unboundSpends(boolean unbound) {
      this.unboundSpends = unbound;
      return this;
    }

    /**
     * SPSP queries one source address may make per {@code period}, in bursts up to {@code queries}
     * (120 per minute by default); more get 429 {@code too many requests}. Each query that reaches
     * a wallet costs a journal record and an fsync.
     */
    public Builder spspRateLimit(int queries, Duration period) {
      if (queries < 1 || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("the SPSP rate limit must be positive");
      }
      this.spspQueries = queries;
      this.spspPeriod = period;
      return this;
    }

    /** The clock for nonce expiry. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Requests that may block served at once (32 by default): registry changes, SPSP queries, and
     * credits and spends of a {@link #store store} given here; more wait in a queue of {@code
     * maxQueued}, and past that get 503. Credits and spends of the built-in stores never wait for a
     * thread.
     */
    public Builder maxConcurrentRequests(int threads, int maxQueued) {
      if (threads < 1 || maxQueued < 1) {
        throw new IllegalArgumentException("limits must be positive");
      }
      this.maxConcurrentRequests = threads;
      this.maxQueuedRequests = maxQueued;
      return this;
    }

    /**
     * Open connections allowed in all (10,000 by default) and from one remote address (256). Past
     * either, a new connection is closed as soon as it is accepted.
     */
    public Builder maxConnections(int total, int perAddress) {
      this.limits = limits.withConnections(total, perAddress);
      return this;
    }

    /**
     * A connection with no traffic for {@code idle} (60 s by default) is closed, and so is one
     * whose request has not fully arrived within {@code request} of its first byte (10 s).
     */
    public Builder timeouts(Duration idle, Duration request) {
      this.limits = limits.withTimeouts(idle, request);
      return this;
    }

    /** Timeout for SPSP queries to wallets; 10 s by default. */
    public Builder upstreamTimeout(Duration timeout) {
      this.upstreamTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** The HTTP client for SPSP queries to wallets. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = client;
      return this;
    }

    /** Starts the server. */
    public ReceiptVerifierServer start() throws IOException {
      if (store != null && dataDirectory != null) {
        throw new IllegalArgumentException("give a store or a data directory, not both");
      }
      if (seed == null) {
        seed = new byte[32];
        new SecureRandom().nextBytes(seed);
      }
      return new ReceiptVerifierServer(this);
    }
  }
}
