package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.PieceStoreFactory;
import org.ilptorrent.webtorrent.PieceVerifier;
import org.ilptorrent.webtorrent.Progress;
import org.ilptorrent.webtorrent.TorrentListener;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.pick.PiecePriorities;
import org.ilptorrent.webtorrent.internal.pick.PipelineDepth;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent in a client: its stages (resolve metadata, open and check storage, download, seed),
 * its peers, and what their messages mean ({@link SessionMessages}). State is touched only on the
 * loop thread; the few values the public handle reads from other threads are volatile.
 */
public final class TorrentSession {
  private static final Logger LOG = LoggerFactory.getLogger(TorrentSession.class);

  /** Requests we accept queued per peer (our BEP 10 {@code reqq}). */
  static final int OUR_REQQ = 512;

  static final long IDLE_MILLIS = 120_000;
  static final long KEEP_ALIVE_MILLIS = 90_000;
  static final long CONNECT_MILLIS = 5_000;
  static final long SNUB_MILLIS = 30_000;

  final ClientContext ctx;
  private final InfoHash infoHash;
  private final String fallbackName;
  private final Path folder;
  private final PieceStoreFactory storeFactory;
  private final boolean sequential;
  final SessionEvents events;
  final PieceAvailability availability = new PieceAvailability();
  final Random random = new Random();

  /**
   * Deeper than {@link PipelineDepth#defaults()}: over TCP the socket buffers at both ends hold
   * several MiB of answered requests, so 256 outstanding blocks left loopback transfers waiting on
   * buffer drains (about 150 MiB/s for 1 GiB); 64..512 roughly doubles that. Capped by the peer's
   * reqq.
   */
  final PipelineDepth pipeline = new PipelineDepth(Duration.ofSeconds(1), 64, 512);

  final Choker choker;
  final SessionMessages messages;
  final MetadataExchange metadataExchange;
  final PexExchange pex;

  volatile TorrentInfo metadata;
  volatile PieceStore store;
  PiecePicker<PeerConnection> picker;
  WireLimits limits = WireLimits.beforeMetadata();
  private final List<Consumer<PiecePriorities>> pendingPriorities = new ArrayList<>();

  final PeerPool pool;
  final List<PeerConnection> peers;
  final PieceCompletion completion = new PieceCompletion(this);

  /** The access-ticket gate of a paid torrent; null for a free one. */
  AccessGate gate;

  private final RateMeter downRate = new RateMeter(System.nanoTime());
  private final RateMeter upRate = new RateMeter(System.nanoTime());
  private volatile long downloaded;
  private volatile long uploaded;
  private boolean closed;
  private volatile Thread checker;
  private final Runnable ticker = this::tick;

  /** A session for {@code infoHash}; {@code metadata} is empty for a magnet. */
  public TorrentSession(
      ClientContext ctx,
      InfoHash infoHash,
      String name,
      Optional<TorrentInfo> metadata,
      Path folder,
      PieceStoreFactory storeFactory,
      boolean sequential) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
    this.fallbackName = name;
    this.folder = folder;
    this.storeFactory = storeFactory;
    this.sequential = sequential;
    this.metadata = metadata.orElse(null);
    this.events = new SessionEvents(ctx.events);
    this.choker = new Choker(ctx.uploadSlots, random);
    this.messages = new SessionMessages(this);
    this.metadataExchange = new MetadataExchange(this);
    this.pex = new PexExchange(this);
    this.pool = new PeerPool(this);
    this.peers = pool.peers;
    if (this.metadata != null && this.metadata.license().isPresent()) {
      this.gate = new AccessGate(this);
    }
  }

  // ---- paid torrents: the ilp_access gate (any thread; applied on the loop thread) ----

  /**
   * Marks the torrent paid before {@link #start}, for a magnet whose {@code pp} says so; a torrent
   * with a licence in its metadata is paid from the start. Every connection is then gated by access
   * tickets.
   */
  public void paid() {
    if (gate == null) {
      gate = new AccessGate(this);
    }
  }

  /** Whether connections are gated by access tickets. */
  public boolean isPaid() {
    return gate != null;
  }

  /**
   * The tracker's key whose tickets this peer accepts (a seeder learns it when it registers the
   * torrent). Ignored for a free torrent.
   */
  public void trackerKey(java.security.PublicKey key) {
    java.util.Objects.requireNonNull(key, "key");
    ctx.loop.execute(
        () -> {
          if (gate != null) {
            gate.trackerKey(key);
          }
        });
  }

  /**
   * Our own key pair for this paid download: its public half is what we announce as {@code
   * leecher_key}, its private half signs serving peers' challenges. Ignored for a free torrent.
   */
  public void leecherKey(java.security.KeyPair key) {
    java.util.Objects.requireNonNull(key, "key");
    ctx.loop.execute(
        () -> {
          if (gate != null) {
            gate.leecherKey(key);
          }
        });
  }

  /**
   * The newest access ticket a tracker issued us, and that tracker's key (which also checks the
   * tickets of peers we serve). Peers that challenged us get it at once.
   */
  public void accessTicket(
      org.ilptorrent.tracker.AccessTicket ticket, java.security.PublicKey trackerKey) {
    java.util.Objects.requireNonNull(ticket, "ticket");
    ctx.loop.execute(
        () -> {
          if (gate != null && ticket.infoHash().equals(infoHash)) {
            gate.ticket(ticket, trackerKey);
          }
        });
  }

  // ---- accessors for the public handle (any thread) ----

  public InfoHash infoHash() {
    return infoHash;
  }

  public String name() {
    TorrentInfo t = metadata;
    return t != null ? t.name() : fallbackName;
  }

  public Optional<TorrentInfo> metadata() {
    return Optional.ofNullable(metadata);
  }

  public Optional<PieceStore> store() {
    return Optional.ofNullable(store);
  }

  public PieceAvailability availability() {
    return availability;
  }

  public CompletableFuture<Void> whenDone() {
    return events.done();
  }

  public void addListener(TorrentListener listener) {
    events.add(listener);
  }

  /** A snapshot of the counters. */
  public Progress progress() {
    TorrentInfo t = metadata;
    long length = t == null ? 0 : t.length();
    long verified = completion.verifiedBytes();
    double rate = downRate.rate();
    Optional<Duration> eta = Optional.empty();
    if (t != null && verified < length && rate > 0) {
      eta = Optional.of(Duration.ofMillis((long) ((length - verified) * 1000 / rate)));
    }
    return new Progress(
        length, verified, downloaded, uploaded, rate, upRate.rate(), pool.count(), eta);
  }

  /** Changes piece priorities on the loop thread, now or once the metadata is known. */
  public void priorities(Consumer<PiecePriorities> change) {
    ctx.loop.execute(
        () -> {
          if (closed) {
            return;
          }
          if (picker == null) {
            pendingPriorities.add(change);
          } else {
            change.accept(picker.priorities());
            for (PeerConnection p : List.copyOf(peers)) {
              messages.updateInterest(p);
            }
          }
        });
  }

  /** Adds a peer to connect to; cheap, idempotent per address, any thread. */
  public void addPeer(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    ctx.loop.execute(() -> offerPeer(address));
  }

  // ---- lifecycle (loop thread) ----

  /** Registers the session and starts its first stage. */
  public void start(List<InetSocketAddress> initialPeers) {
    ctx.sessions.put(infoHash, this);
    ctx.loop.onTick(ticker);
    if (metadata != null) {
      emit(l -> l.onMetadata(metadata));
      openStorage();
    }
    initialPeers.forEach(this::offerPeer);
  }

  void onMetadataFetched(byte[] torrentFile) {
    TorrentInfo t;
    try {
      t = TorrentInfo.parse(torrentFile);
    } catch (IllegalArgumentException e) {
      warn("fetched metadata does not parse: " + e.getMessage());
      return;
    }
    if (gate == null && t.license().isPresent()) {
      // A licence the magnet did not announce: from now on the torrent is gated; peers already
      // connected were never challenged, so they are let go rather than served.
      gate = new AccessGate(this);
      for (PeerConnection p : List.copyOf(peers)) {
        p.close("the torrent turned out to be paid");
      }
    }
    metadata = t;
    limits = WireLimits.forPieceCount(t.pieceCount());
    emit(l -> l.onMetadata(t));
    for (PeerConnection p : List.copyOf(peers)) {
      p.limits(limits);
      try {
        messages.checkEarlyPieces(p, t.pieceCount());
      } catch (PeerProtocolException e) {
        p.close(e.getMessage());
      }
    }
    openStorage();
  }

  private void openStorage() {
    TorrentInfo t = metadata;
    limits = WireLimits.forPieceCount(t.pieceCount());
    Thread check =
        new Thread(
            () -> {
              PieceStore s = null;
              try {
                s = storeFactory.open(folder, t);
                BitSet have = PieceVerifier.verify(t, s, 2);
                PieceStore opened = s;
                ctx.loop.execute(() -> onStorageReady(opened, have));
              } catch (IOException | RuntimeException e) {
                closeQuietly(s);
                ctx.loop.execute(() -> fail(e));
              } catch (InterruptedException e) {
                closeQuietly(s);
                Thread.currentThread().interrupt();
              }
            },
            ctx.threadPrefix + "-check");
    // its own thread, so checking a large torrent never delays other torrents' piece hashes
    check.setDaemon(true);
    checker = check;
    check.start();
  }

  private void onStorageReady(PieceStore s, BitSet have) {
    if (closed) {
      closeQuietly(s);
      return;
    }
    TorrentInfo t = metadata;
    store = s;
    picker = new PiecePicker<>(t.length(), t.pieceLength(), have, 2, random);
    if (sequential) {
      picker.priorities().strategy(PiecePriorities.Strategy.SEQUENTIAL);
    }
    pendingPriorities.forEach(c -> c.accept(picker.priorities()));
    pendingPriorities.clear();
    completion.resumed(have, s);
    availability.setAll(have);
    emit(TorrentListener::onReady);
    for (PeerConnection p : List.copyOf(peers)) {
      messages.announceLate(p, have);
      messages.feedPicker(p);
      messages.updateInterest(p);
    }
    completion.checkDone();
  }

  boolean isSeeding() {
    TorrentInfo t = metadata;
    return completion.isComplete(t);
  }

  /** A terminal failure: peers go, storage closes, listeners get {@code onError}. */
  void fail(Throwable e) {
    if (closed) {
      return;
    }
    if (e instanceof org.ilptorrent.webtorrent.PaymentException) {
      // an expected end the listeners and whenDone() report; no stack trace for it
      LOG.info("torrent {} stopped: {}", infoHash.toHex(), e.getMessage());
    } else {
      LOG.warn("torrent {} failed", infoHash.toHex(), e);
    }
    emit(l -> l.onError(e));
    events.fail(e);
    shutDown(e instanceof IOException io ? io : new IOException(e));
  }

  /**
   * A terminal failure from outside the session (a paid torrent that cannot be paid); any thread.
   */
  public void failLater(Throwable e) {
    ctx.loop.execute(() -> fail(e));
  }

  /** Emits an event of this torrent to its listeners, on the event thread; any thread. */
  public void emitLater(Consumer<TorrentListener> event) {
    emit(event);
  }

  /** Removes the torrent: peers go and storage closes (its files stay). */
  public void remove() {
    if (!closed) {
      events.fail(new IllegalStateException("torrent removed"));
      shutDown(new IOException("torrent removed"));
    }
  }

  private void shutDown(IOException cause) {
    closed = true;
    ctx.sessions.remove(infoHash, this);
    ctx.loop.removeTicker(ticker);
    pool.closeAll("torrent closed");
    availability.fail(cause);
    Thread check = checker;
    if (check != null) {
      check.interrupt();
    }
    PieceStore s = store;
    if (s != null) {
      try {
        s.flush();
      } catch (IOException e) {
        LOG.debug("flushing on close", e);
      }
      closeQuietly(s);
    }
  }

  boolean isClosed() {
    return closed;
  }

  // ---- peers (loop thread) ----

  void offerPeer(InetSocketAddress address) {
    if (!closed) {
      pool.offer(address);
    }
  }

  boolean acceptIncoming(PeerConnection c) {
    return !closed && pool.acceptIncoming(c);
  }

  void onHandshake(PeerConnection c) throws PeerProtocolException {
    if (pool.admit(c)) {
      c.limits(limits);
      emit(l -> l.onPeerConnected(c.remote));
      messages.greet(c);
    }
  }

  void onClosed(PeerConnection c, String reason) {
    if (pool.remove(c)) {
      LOG.debug("{} closed: {}", c, reason);
      if (picker != null) {
        picker.peerGone(c);
        completion.peerGone(c);
      }
      metadataExchange.peerGone(c);
      choker.gone(c);
      emit(l -> l.onPeerDisconnected(c.remote));
      if (!closed) {
        for (PeerConnection p : List.copyOf(peers)) {
          messages.refill(p);
        }
      }
    } else if (c.outgoing && c.handshake == null && !closed) {
      warn("cannot connect to " + c.remote + ": " + reason);
    }
    if (!closed) {
      pool.connectMore();
    }
  }

  void ban(PeerConnection c, String why) {
    warn("banned " + c.remote + ": " + why);
    pool.ban(c, why);
  }

  private void tick() {
    long now = ctx.now();
    long nanos = System.nanoTime();
    downRate.tick(nanos);
    upRate.tick(nanos);
    pool.expireConnecting(now, CONNECT_MILLIS);
    pool.retryDue(now);
    for (PeerConnection p : List.copyOf(peers)) {
      p.down.tick(nanos);
      p.up.tick(nanos);
      if (now - p.lastReceived > IDLE_MILLIS) {
        p.close("idle for two minutes");
      } else if (now - p.lastSent > KEEP_ALIVE_MILLIS) {
        p.sendBare(org.ilptorrent.webtorrent.internal.wire.PeerMessage.KeepAlive.INSTANCE);
      }
      messages.checkSnubbed(p, now);
    }
    if (choker.due(now)) {
      messages.rechoke(now);
    }
    metadataExchange.tick(now);
    if (gate != null) {
      gate.tick(now);
    } else {
      pex.tick(now);
    }
    pool.connectMore();
  }

  // ---- data path, called by SessionMessages ----

  void onDownloaded(int bytes) {
    downRate.add(bytes);
    downloaded += bytes;
  }

  void onUploaded(int bytes) {
    upRate.add(bytes);
    uploaded += bytes;
  }

  /** Serves the peer's queued requests while its send buffer has room. */
  void pump(PeerConnection c) throws IOException {
    PieceStore s = store;
    if (s != null && !c.amChoking) {
      c.pumpUploads(s);
    }
  }

  void writeBlock(int piece, int begin, ByteBuffer block) {
    completion.checkPadding(piece, begin, block);
    try {
      store.write(piece, begin, block);
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  void onMessage(PeerConnection c, org.ilptorrent.webtorrent.internal.wire.PeerMessage m)
      throws IOException {
    messages.onMessage(c, m);
  }

  WireLimits wireLimits() {
    return limits;
  }

  public void warn(String message) {
    LOG.debug("{}: {}", infoHash.toHex(), message);
    emit(l -> l.onWarning(message));
  }

  void emit(Consumer<TorrentListener> event) {
    events.emit(event);
  }

  private static void closeQuietly(PieceStore s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing storage", e);
      }
    }
  }
}
