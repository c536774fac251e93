package org.ilptorrent.tracker.client;

import java.net.URI;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.internal.ClientContext;
import org.ilptorrent.tracker.client.internal.Events;
import org.ilptorrent.tracker.client.internal.Sessions;
import org.ilptorrent.tracker.client.internal.TrackerSession;
import org.ilptorrent.tracker.client.internal.WsSession;

/**
 * Announces one torrent to its trackers over WebSocket ({@code ws}, {@code wss}), HTTP ({@code
 * http}, {@code https}) and UDP ({@code udp}), and re-announces at each tracker's interval.
 * Everything it learns goes to its {@link TrackerListener}; no method blocks on the network.
 *
 * <pre>{@code
 * TrackerClient client = TrackerClient.builder()
 *     .infoHash(infoHash)
 *     .announce(List.of(URI.create("wss://tracker.example/")))
 *     .options(TrackerClientOptions.builder().connections(pool).build())
 *     .listener(listener)
 *     .build();
 * client.start();
 * client.update(new AnnounceStats(0, 1024, 4096));
 * client.stop().join();
 * client.close();
 * }</pre>
 *
 * <p><b>Paid torrents.</b> An announce without a balance that covers the price ends in {@link
 * TrackerListener#onPaymentRequired} with the licence; pay, credit the receipts under a balance id,
 * then call {@link #setBalanceId} and {@link #update()}. Thread-safe.
 */
public final class TrackerClient implements AutoCloseable {

  private final ClientContext context;
  private final List<TrackerSession> sessions = new ArrayList<>();
  private final List<URI> unsupported = new ArrayList<>();
  private final List<URI> trackers;
  private final TrackerConnections connections;
  private final boolean ownsConnections;
  private final Events events;
  private final TrackerListener listener;
  private final Runnable onPoolClosed = this::poolClosed;
  private boolean started;
  private boolean closed;

  private TrackerClient(Builder b) {
    TrackerClientOptions o = b.options;
    this.ownsConnections = o.connections() == null;
    this.connections = ownsConnections ? TrackerConnections.builder().build() : o.connections();
    if (connections.isClosed()) {
      throw new IllegalStateException("the tracker connections are closed");
    }
    this.listener = b.listener;
    this.events = new Events(b.listener, connections.transports().events());
    this.context =
        new ClientContext(
            b.infoHash,
            b.peerId,
            b.port,
            o.numwant(),
            o.maxOffers(),
            o.offerFactory(),
            events,
            connections.transports(),
            o.stats(),
            o.balanceId(),
            o.seederToken(),
            TrackerClientOptions.checkLeecherKey(o.leecherKey()));
    this.trackers = List.copyOf(b.announce);
    for (URI tracker : trackers) {
      Sessions.create(tracker, context)
          .ifPresentOrElse(sessions::add, () -> unsupported.add(tracker));
    }
    connections.transports().onClose(onPoolClosed);
  }

  /** A builder; {@link Builder#infoHash} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The torrent. */
  public InfoHash infoHash() {
    return context.infoHash();
  }

  /** The peer id sent to trackers. */
  public PeerId peerId() {
    return context.peerId();
  }

  /** The announce URLs, in the order given, duplicates removed. */
  public List<URI> trackers() {
    return trackers;
  }

  /**
   * Announces {@code started} to every tracker, then keeps announcing at each one's interval. A URL
   * with an unknown scheme gets a warning. Calling it again after {@link #stop()} starts over.
   *
   * @throws IllegalStateException when the client is closed
   */
  public synchronized void start() {
    checkOpen();
    if (!started) {
      started = true;
      for (URI tracker : unsupported) {
        events.warning(tracker, "unsupported tracker scheme " + tracker.getScheme());
      }
    }
    sessions.forEach(TrackerSession::start);
  }

  /**
   * Announces now to every tracker (or when its {@code min interval} allows); nothing before {@link
   * #start()} or after {@link #stop()}.
   */
  public void update() {
    checkOpen();
    sessions.forEach(TrackerSession::update);
  }

  /** Records the new stats and announces them ({@link #update()}). */
  public void update(AnnounceStats stats) {
    context.stats(Objects.requireNonNull(stats, "stats"));
    update();
  }

  /**
   * Records the stats for the next announce (the next regular re-announce, or {@link #update()})
   * without announcing now: for callers whose counts change far more often than they should
   * announce.
   */
  public void setStats(AnnounceStats stats) {
    context.stats(Objects.requireNonNull(stats, "stats"));
  }

  /** Announces {@code completed}: the download finished and this peer now seeds. */
  public void complete() {
    checkOpen();
    AnnounceStats s = context.stats();
    context.stats(AnnounceStats.seeding(s.uploaded(), s.downloaded()));
    sessions.forEach(TrackerSession::complete);
  }

  /**
   * Announces {@code stopped} and stops re-announcing; WebSocket trackers are left (the socket
   * closes when no torrent of the pool uses it).
   *
   * @return completes when every tracker got the announce or failed to (never exceptionally), at
   *     the latest after the HTTP request timeout or two UDP timeouts
   */
  public CompletableFuture<Void> stop() {
    if (isClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.allOf(
        sessions.stream().map(TrackerSession::stop).toArray(CompletableFuture[]::new));
  }

  /**
   * Asks every tracker for the torrent's counts; answers reach {@link TrackerListener#onScrape}.
   */
  public void scrape() {
    checkOpen();
    sessions.forEach(TrackerSession::scrape);
  }

  /**
   * Sets the balance id ({@code requestId}) sent with every announce from now on; call {@link
   * #update()} to announce with it. {@code null} removes it.
   *
   * @throws IllegalArgumentException unless it is 1..128 characters of {@code A-Z a-z 0-9 . _ ~ -}
   */
  public void setBalanceId(String balanceId) {
    context.balanceId(TrackerClientOptions.checkBalanceId(balanceId));
  }

  /**
   * Sets the leecher key ({@code leecher_key}: our Ed25519 public key for this download, 64 hex)
   * sent with every announce from now on, so that a tracker that admits us to a paid torrent issues
   * an access ticket bound to it ({@link TrackerListener#onAccessTicket}). {@code null} removes it.
   *
   * @throws IllegalArgumentException when it is not an Ed25519 key
   */
  public void setLeecherKey(PublicKey leecherKey) {
    context.leecherKey(TrackerClientOptions.checkLeecherKey(leecherKey));
  }

  /**
   * Sets the publisher's seeder token sent with every announce from now on; {@code null} removes
   * it.
   */
  public void setSeederToken(String seederToken) {
    context.seederToken(TrackerClientOptions.checkSeederToken(seederToken));
  }

  /**
   * Answers an offer from {@link TrackerListener#onOffer} through the tracker it came from (when no
   * {@link OfferFactory} does).
   *
   * @throws IllegalArgumentException when the offer did not come through a WebSocket tracker of
   *     this client
   */
  public void answer(ReceivedOffer offer, SessionDescription answer) {
    Objects.requireNonNull(answer, "answer");
    for (TrackerSession s : sessions) {
      if (s instanceof WsSession ws && s.tracker().equals(offer.tracker())) {
        ws.answer(offer, answer);
        return;
      }
    }
    throw new IllegalArgumentException(
        "the offer did not come through a WebSocket tracker of this client");
  }

  /**
   * Stops at once, without announcing {@code stopped} (call {@link #stop()} first for that), and
   * releases sockets and timers; a private pool is closed too. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    connections.transports().removeOnClose(onPoolClosed);
    sessions.forEach(TrackerSession::close);
    events.close();
    if (ownsConnections) {
      connections.close();
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (isClosed()) {
      throw new IllegalStateException("the tracker client is closed");
    }
  }

  /** The shared pool closed under a client still in use: that ends the client. */
  private void poolClosed() {
    boolean wasStarted;
    synchronized (this) {
      if (closed) {
        return;
      }
      wasStarted = started;
    }
    close();
    if (wasStarted) {
      try {
        listener.onError(new IllegalStateException("the tracker connections were closed"));
      } catch (RuntimeException e) {
        // The listener's own failure changes nothing here.
      }
    }
  }

  /** Which torrent a {@link TrackerClient} announces, where its events go, and its options. */
  public static final class Builder {
    private InfoHash infoHash;
    private PeerId peerId = PeerId.random();
    private int port = 6881;
    private final LinkedHashSet<URI> announce = new LinkedHashSet<>();
    private TrackerListener listener = new TrackerListener() {};
    private TrackerClientOptions options = TrackerClientOptions.defaults();

    Builder() {}

    /** The torrent (required; a v1 info hash of 20 bytes). */
    public Builder infoHash(InfoHash infoHash) {
      this.infoHash = infoHash;
      return this;
    }

    /** The peer id; a fresh {@link PeerId#random()} by default. */
    public Builder peerId(PeerId peerId) {
      this.peerId = Objects.requireNonNull(peerId, "peerId");
      return this;
    }

    /** The port this peer accepts connections on, sent to HTTP and UDP trackers: 6881. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Adds announce URLs (ws, wss, http, https, udp); none by default. */
    public Builder announce(List<URI> urls) {
      urls.forEach(u -> announce.add(Objects.requireNonNull(u, "announce URL")));
      return this;
    }

    /**
     * Adds announce URLs given as text, as a .torrent, a magnet's {@code tr} and {@code
     * TorrentCreator.Builder.announce} hold them.
     *
     * @throws IllegalArgumentException naming the first one that is not a URI
     */
    public Builder announceUrls(List<String> urls) {
      return announce(TrackerUrls.parse(urls));
    }

    /** Where events go; a listener that ignores everything by default. */
    public Builder listener(TrackerListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The pool, offers, paid-torrent credentials, {@code numwant} and first stats; {@link
     * TrackerClientOptions#defaults()} by default.
     */
    public Builder options(TrackerClientOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the client (nothing is sent before {@link TrackerClient#start()}).
     *
     * @throws IllegalArgumentException when the info hash is missing or not v1, or the port is out
     *     of range
     * @throws IllegalStateException when the given pool is closed
     */
    public TrackerClient build() {
      if (infoHash == null || infoHash.version() != 1) {
        throw new IllegalArgumentException("a v1 (20-byte) info hash is required");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535, got " + port);
      }
      return new TrackerClient(this);
    }
  }
}
