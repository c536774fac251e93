package org.ilptorrent.discovery;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.ilptorrent.discovery.internal.DiscoveryEvents;
import org.ilptorrent.discovery.internal.LocalSources;
import org.ilptorrent.discovery.internal.MagnetSources;
import org.ilptorrent.discovery.internal.PeerAddresses;
import org.ilptorrent.discovery.internal.TrackerEvents;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.ilptorrent.tracker.client.OfferFactory;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.SessionDescription;
import org.ilptorrent.tracker.client.TrackerClient;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.client.TrackerConnections;

/**
 * One stream of peers for one torrent, from its trackers (WebSocket, HTTP and UDP, through a {@link
 * TrackerClient}), the magnet's peer addresses ({@code x.pe}), local service discovery (a shared
 * {@link LocalServiceDiscovery}) and a DHT (a {@link DhtPeerSource}). A private torrent uses only
 * its trackers and the peers it was given: never LSD, never DHT (and the client engine must not use
 * PEX for it either; see {@link #isPrivate()}).
 *
 * <pre>{@code
 * Discovery discovery = Discovery.builder()
 *     .infoHash(infoHash)
 *     .port(6881)
 *     .announce(List.of(URI.create("udp://tracker.example:6969")))
 *     .trackerOptions(TrackerClientOptions.builder().connections(pool).build())
 *     .listener(listener)
 *     .build();
 * discovery.start();
 * discovery.update(uploaded, downloaded, left);
 * discovery.stop().join();
 * discovery.close();
 * }</pre>
 *
 * <p>Peers reach {@link DiscoveryListener#onPeer}, each address once within a short window, with
 * the {@link PeerSource} that named it first. Failures of one source are {@link
 * DiscoveryListener#onWarning warnings} naming it; the other sources carry on. Nothing blocks on
 * the network. Thread-safe.
 */
public final class Discovery implements AutoCloseable {
  private static final String MAGNET = "magnet";

  private final InfoHash infoHash;
  private final PeerId peerId;
  private final int port;
  private final boolean privateTorrent;
  private final List<URI> announce;
  private final List<InetSocketAddress> peers;
  private final List<String> magnetWarnings;
  private final boolean usesLsd;
  private final boolean usesDht;
  private final TrackerClient trackers;
  private final DiscoveryEvents events;
  private final LocalSources localSources;

  private volatile boolean closed;
  private boolean started;
  private boolean everStarted;

  private Discovery(Builder b) {
    this.infoHash = b.infoHash;
    this.peerId = b.peerId;
    this.port = b.port;
    this.privateTorrent = b.privateTorrent;
    this.announce = List.copyOf(b.announce);
    this.peers = List.copyOf(b.peers);
    this.magnetWarnings = List.copyOf(b.magnetWarnings);
    LocalServiceDiscovery lsd = privateTorrent ? null : b.lsd;
    DhtPeerSource dht = privateTorrent ? null : b.dht;
    this.usesLsd = lsd != null;
    this.usesDht = dht != null;
    this.events =
        new DiscoveryEvents(infoHash, b.listener, b.eventExecutor, b.dedupWindow, b.clock);
    this.localSources =
        new LocalSources(infoHash, port, lsd == null ? null : lsd.endpoint(), dht, events);
    this.trackers =
        announce.isEmpty()
            ? null
            : TrackerClient.builder()
                .infoHash(infoHash)
                .peerId(peerId)
                .port(port)
                .announce(announce)
                .listener(new TrackerEvents(events, announce))
                .options(b.trackerOptions)
                .build();
  }

  /**
   * A builder; {@link Builder#infoHash} (or {@link Builder#magnet}) and {@link Builder#port} are
   * required.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The torrent. */
  public InfoHash infoHash() {
    return infoHash;
  }

  /** The peer id sent to trackers. */
  public PeerId peerId() {
    return peerId;
  }

  /** The port this peer accepts connections on, as announced. */
  public int port() {
    return port;
  }

  /** Whether the torrent is private: then LSD, DHT (and, in the engine, PEX) are never used. */
  public boolean isPrivate() {
    return privateTorrent;
  }

  /** The tracker URLs, in the order given, duplicates removed. */
  public List<URI> trackers() {
    return announce;
  }

  /** Whether this torrent uses LSD: an endpoint was given and the torrent is public. */
  public boolean usesLsd() {
    return usesLsd;
  }

  /** Whether this torrent uses a DHT: a peer source was given and the torrent is public. */
  public boolean usesDht() {
    return usesDht;
  }

  /**
   * Starts every source: announces {@code started} to the trackers, reports the given (magnet)
   * peers, registers with LSD and starts a DHT lookup (public torrents only). Calling it again
   * while started does nothing; after {@link #stop()} it starts over.
   *
   * @throws IllegalStateException when closed
   */
  public synchronized void start() {
    checkOpen();
    if (started) {
      return;
    }
    started = true;
    events.wantPeers(true);
    if (!everStarted) {
      everStarted = true;
      magnetWarnings.forEach(w -> events.warning(MAGNET, w));
    }
    if (trackers != null) {
      trackers.start();
    }
    peers.forEach(p -> events.peer(p, PeerSource.MAGNET));
    localSources.join();
  }

  /**
   * Records the transfer counts and announces them to the trackers now (or as soon as each
   * tracker's {@code min interval} allows). Call it when an announce is useful (such as when more
   * peers are wanted); to keep the counts current use {@link #setStats}. Before {@link #start()}
   * the counts are kept for the first announce.
   *
   * @throws IllegalArgumentException when a count is negative
   * @throws IllegalStateException when closed
   */
  public void update(long uploaded, long downloaded, long left) {
    AnnounceStats stats = new AnnounceStats(uploaded, downloaded, left);
    checkOpen();
    if (trackers != null) {
      trackers.update(stats);
    }
  }

  /**
   * Records the transfer counts for the trackers' next regular announce without announcing now;
   * cheap, so it can follow progress as often as it changes.
   *
   * @throws IllegalArgumentException when a count is negative
   * @throws IllegalStateException when closed
   */
  public void setStats(long uploaded, long downloaded, long left) {
    AnnounceStats stats = new AnnounceStats(uploaded, downloaded, left);
    checkOpen();
    if (trackers != null) {
      trackers.setStats(stats);
    }
  }

  /**
   * Announces {@code completed}: the download finished and this peer seeds now.
   *
   * @throws IllegalStateException when closed
   */
  public void complete() {
    checkOpen();
    if (trackers != null) {
      trackers.complete();
    }
  }

  /**
   * Stops every source: announces {@code stopped} to the trackers, leaves LSD and ends the DHT
   * lookup. Peers reported before are forgotten, so a later {@link #start()} reports them again.
   *
   * @return completes (never exceptionally) when every tracker got the {@code stopped} announce or
   *     failed to, within the tracker client's bounds
   */
  public synchronized CompletableFuture<Void> stop() {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    started = false;
    events.wantPeers(false);
    localSources.leave();
    events.forgetPeers();
    return trackers == null ? CompletableFuture.completedFuture(null) : trackers.stop();
  }

  /**
   * Sets the balance id ({@code requestId}) of a paid torrent for every later announce, and
   * announces with it now. {@code null} removes it.
   *
   * @throws IllegalArgumentException unless it is 1..128 characters of {@code A-Z a-z 0-9 . _ ~ -}
   * @throws IllegalStateException when closed
   */
  public void setBalanceId(String balanceId) {
    checkBalanceId(balanceId);
    checkOpen();
    if (trackers != null) {
      trackers.setBalanceId(balanceId);
      trackers.update();
    }
  }

  /**
   * Sets the leecher key ({@code leecher_key}, our Ed25519 public key for this paid download) for
   * every later announce, so that trackers that admit us issue access tickets bound to it ({@link
   * DiscoveryListener#onAccessTicket}). It does not announce by itself: set it before {@link
   * #setBalanceId}. {@code null} removes it.
   *
   * @throws IllegalArgumentException when it is not an Ed25519 key
   * @throws IllegalStateException when closed
   */
  public void setLeecherKey(PublicKey leecherKey) {
    checkOpen();
    if (trackers != null) {
      trackers.setLeecherKey(leecherKey);
    }
  }

  /**
   * Answers an offer from {@link DiscoveryListener#onOffer} through the tracker it came from (when
   * no {@link OfferFactory} does).
   *
   * @throws IllegalArgumentException when the offer did not come through a WebSocket tracker of
   *     this torrent
   * @throws IllegalStateException when closed
   */
  public void answer(ReceivedOffer offer, SessionDescription answer) {
    checkOpen();
    if (trackers == null) {
      throw new IllegalArgumentException("this torrent has no trackers");
    }
    trackers.answer(offer, answer);
  }

  /**
   * Stops at once without announcing {@code stopped} (call {@link #stop()} first for that), and
   * releases what this discovery owns: its tracker client (and that client's private pool), its LSD
   * registration and DHT lookup, and its event thread. A shared {@link TrackerConnections}, {@link
   * LocalServiceDiscovery} or {@link DhtPeerSource} stays open for its owner to close. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      started = false;
      events.close();
      localSources.leave();
    }
    if (trackers != null) {
      trackers.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the discovery is closed");
    }
  }

  private static String checkBalanceId(String balanceId) {
    return balanceId == null ? null : BalanceId.check(balanceId);
  }

  /** Settings of a {@link Discovery}. */
  public static final class Builder {
    private InfoHash infoHash;
    private PeerId peerId = PeerId.random();
    private int port;
    private final LinkedHashSet<URI> announce = new LinkedHashSet<>();
    private final LinkedHashSet<InetSocketAddress> peers = new LinkedHashSet<>();
    private final List<String> magnetWarnings = new ArrayList<>();
    private boolean privateTorrent;
    private LocalServiceDiscovery lsd;
    private DhtPeerSource dht;
    private TrackerClientOptions trackerOptions = TrackerClientOptions.defaults();
    private DiscoveryListener listener = new DiscoveryListener() {};
    private Executor eventExecutor;
    private Duration dedupWindow = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();

    Builder() {}

    /** The torrent (required unless {@link #magnet} gives it; a v1 info hash). */
    public Builder infoHash(InfoHash infoHash) {
      this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
      return this;
    }

    /**
     * Takes the info hash, the trackers ({@code tr}) and the peer addresses ({@code x.pe}) of a
     * magnet. A tracker that is not a URI, or a peer address that is not an IP literal with a port
     * (a magnet never causes a DNS query), becomes a {@code "magnet"} warning on {@link
     * Discovery#start()}.
     *
     * @throws IllegalArgumentException when the magnet has no v1 info hash
     */
    public Builder magnet(MagnetUri magnet) {
      this.infoHash =
          magnet
              .infoHash()
              .orElseThrow(() -> new IllegalArgumentException("the magnet has no v1 info hash"));
      MagnetSources sources = MagnetSources.of(magnet);
      announce.addAll(sources.trackers());
      peers.addAll(sources.peers());
      magnetWarnings.addAll(sources.warnings());
      return this;
    }

    /** The peer id sent to trackers (20 bytes, copied); {@link PeerId#random()} by default. */
    public Builder peerId(byte[] peerId) {
      this.peerId = PeerId.of(peerId);
      return this;
    }

    /** The peer id sent to trackers; {@link PeerId#random()} by default. */
    public Builder peerId(PeerId peerId) {
      this.peerId = Objects.requireNonNull(peerId, "peerId");
      return this;
    }

    /** The port this peer accepts connections on (required, 1..65535). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Adds tracker URLs (ws, wss, http, https, udp); none by default. */
    public Builder announce(List<URI> trackers) {
      trackers.forEach(t -> announce.add(Objects.requireNonNull(t, "tracker")));
      return this;
    }

    /**
     * Adds tracker URLs given as text, as a .torrent and {@code TorrentCreator.Builder.announce}
     * hold them.
     *
     * @throws IllegalArgumentException naming the first one that is not a URI
     */
    public Builder announceUrls(List<String> trackers) {
      return announce(org.ilptorrent.tracker.client.TrackerUrls.parse(trackers));
    }

    /** Adds peers to report on start as {@link PeerSource#MAGNET} (the magnet's {@code x.pe}). */
    public Builder peers(List<InetSocketAddress> peers) {
      for (InetSocketAddress p : peers) {
        if (!PeerAddresses.usable(p)) {
          throw new IllegalArgumentException(
              "a peer must be a resolved unicast address with a port: " + p);
        }
        this.peers.add(p);
      }
      return this;
    }

    /**
     * Whether the torrent is private (its info dict says {@code private=1}; paid torrents are):
     * then the LSD endpoint and the DHT given are not used. False by default.
     */
    public Builder privateTorrent(boolean privateTorrent) {
      this.privateTorrent = privateTorrent;
      return this;
    }

    /** The application's LSD endpoint; none by default (no LSD). */
    public Builder lsd(LocalServiceDiscovery lsd) {
      this.lsd = lsd;
      return this;
    }

    /** The application's DHT; none by default (no DHT; this module has no implementation). */
    public Builder dht(DhtPeerSource dht) {
      this.dht = dht;
      return this;
    }

    /**
     * How the tracker client talks to the trackers: a pool shared with other torrents, a WebRTC
     * {@link OfferFactory}, the balance id, seeder token and leecher key of a paid torrent, {@code
     * numwant}; {@link TrackerClientOptions#defaults()} by default (a private pool, no offers, no
     * credentials).
     */
    public Builder trackerOptions(TrackerClientOptions options) {
      this.trackerOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Where events go; a listener that ignores everything by default. */
    public Builder listener(DiscoveryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Runs listener calls (one at a time, in order, even on a pool); by default a thread of this
     * discovery's own, {@code ilp-discovery-events-N}, that ends when idle.
     */
    public Builder eventExecutor(Executor executor) {
      this.eventExecutor = executor;
      return this;
    }

    /** An address is reported once within this window: 1 minute. */
    public Builder dedupWindow(Duration window) {
      this.dedupWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /** The clock for the deduplication window: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the discovery; nothing is sent before {@link Discovery#start()}.
     *
     * @throws IllegalArgumentException when the info hash is missing or not v1, or the port is out
     *     of range
     * @throws IllegalStateException when the given tracker pool is closed
     */
    public Discovery build() {
      if (infoHash == null || infoHash.version() != 1) {
        throw new IllegalArgumentException("a v1 (20-byte) info hash is required");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535, got " + port);
      }
      if (dedupWindow.isNegative()) {
        throw new IllegalArgumentException("dedupWindow must not be negative");
      }
      return new Discovery(this);
    }
  }
}
