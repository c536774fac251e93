package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
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
import org.ilptorrent.tracker.AccessTicket;
import org.ilptorrent.webtorrent.PaymentException;
import org.ilptorrent.webtorrent.PeerStream;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.PieceStoreFactory;
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
 * One torrent in a client: its stages (resolve metadata, open and check storage, download, seed)
 * wired together, and the handle the public {@code Torrent} calls. The stages get only what they
 * use: the shared {@link TorrentState}, the {@link PeerPool}'s live peer list, the event sink
 * ({@link SessionEvents}) and each other's narrow callbacks; per-peer state lives on the
 * connections ({@link PeerState}).
 *
 * <p>Threads: the session's state and every stage's are touched only on the client's loop thread
 * ({@link EventLoop}); public methods that other threads call post to it, or read the few volatile
 * values (metadata, store, counters, peer count). Storage is opened and checked on a thread of its
 * own, pieces are hashed on the {@link PieceHasher}'s pool, and listeners run on the event thread;
 * each hands its result back to the loop.
 */
public final class TorrentSession implements StreamingChannel.Source {
  private static final Logger LOG = LoggerFactory.getLogger(TorrentSession.class);

  private final ClientContext ctx;
  private final InfoHash infoHash;
  private final String fallbackName;
  private final Path folder;
  private final PieceStoreFactory storeFactory;
  private final boolean sequential;
  private final SessionEvents events;
  private final PieceAvailability availability = new PieceAvailability();

  /** Shared by the picker and the choker. */
  private final Random random = new Random();

  /**
   * Deeper than {@link PipelineDepth#defaults()}: over TCP the socket buffers at both ends hold
   * several MiB of answered requests, so 256 outstanding blocks left loopback transfers waiting on
   * buffer drains (about 150 MiB/s for 1 GiB); 64..512 roughly doubles that. Capped by the peer's
   * reqq.
   */
  private final PipelineDepth pipeline = new PipelineDepth(Duration.ofSeconds(1), 64, 512);

  private final TorrentState torrent;
  private final TransferCounters counters = new TransferCounters();
  private final SessionStages stages;
  private final List<PeerConnection> peers;
  private final List<Consumer<PiecePriorities>> pendingPriorities = new ArrayList<>();
  private boolean closed;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private FileSelection fileSelection;
  private volatile boolean paused;
  private volatile Thread checker;
  private final Runnable ticker;

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
    this.torrent = new TorrentState(metadata.orElse(null));
    this.events = new SessionEvents(infoHash.toHex(), ctx.events);
    this.stages =
        new SessionStages(
            ctx,
            infoHash,
            torrent,
            events,
            availability,
            counters,
            pipeline,
            random,
            this::fail,
            this::isClosed,
            this::onMetadataFetched);
    this.peers = stages.peers;
    this.ticker = () -> stages.tick(ctx.now(), System.nanoTime());
    TorrentInfo t = torrent.metadata();
    if (t != null && t.license().isPresent()) {
      stages.gate.turnOn();
    }
  }

  // ---- paid torrents: the ilp_access gate (any thread; applied on the loop thread) ----

  /**
   * Marks the torrent paid before {@link #start}, for a magnet whose {@code pp} says so; a torrent
   * with a licence in its metadata is paid from the start. Every connection is then gated by access
   * tickets.
   */
  public void paid() {
    stages.gate.turnOn();
  }

  /** Whether connections are gated by access tickets. */
  public boolean isPaid() {
    return stages.gate.isOn();
  }

  /**
   * The tracker's key whose tickets this peer accepts (a seeder learns it when it registers the
   * torrent). Ignored for a free torrent.
   */
  public void trackerKey(PublicKey key) {
    Objects.requireNonNull(key, "key");
    ctx.loop.execute(
        () -> {
          if (stages.gate.isOn()) {
            stages.gate.trackerKey(key);
          }
        });
  }

  /**
   * Our own key pair for this paid download: its public half is what we announce as {@code
   * leecher_key}, its private half signs serving peers' challenges. Ignored for a free torrent.
   */
  public void leecherKey(KeyPair key) {
    Objects.requireNonNull(key, "key");
    ctx.loop.execute(
        () -> {
          if (stages.gate.isOn()) {
            stages.gate.leecherKey(key);
          }
        });
  }

  /**
   * The newest access ticket a tracker issued us, and that tracker's key (which also checks the
   * tickets of peers we serve). Peers that challenged us get it at once.
   */
  public void accessTicket(AccessTicket ticket, PublicKey trackerKey) {
    Objects.requireNonNull(ticket, "ticket");
    ctx.loop.execute(
        () -> {
          if (stages.gate.isOn() && ticket.infoHash().equals(infoHash)) {
            stages.gate.ticket(ticket, trackerKey);
          }
        });
  }

  // ---- accessors for the public handle (any thread) ----

  public InfoHash infoHash() {
    return infoHash;
  }

  public String name() {
    TorrentInfo t = torrent.metadata();
    return t != null ? t.name() : fallbackName;
  }

  @Override
  public Optional<TorrentInfo> metadata() {
    return Optional.ofNullable(torrent.metadata());
  }

  @Override
  public Optional<PieceStore> store() {
    return Optional.ofNullable(torrent.store());
  }

  @Override
  public PieceAvailability availability() {
    return availability;
  }

  public CompletableFuture<Void> whenDone() {
    return events.done();
  }

  public CompletableFuture<TorrentInfo> whenMetadata() {
    return events.metadataFuture();
  }

  public CompletableFuture<Void> whenReady() {
    return events.readyFuture();
  }

  public void addListener(TorrentListener listener) {
    events.add(listener);
  }

  /** A snapshot of the counters. */
  public Progress progress() {
    TorrentInfo t = torrent.metadata();
    long length = t == null ? 0 : t.length();
    long verified = stages.completion.verifiedBytes();
    double rate = counters.downRate();
    Optional<Duration> eta = Optional.empty();
    if (t != null && verified < length && rate > 0) {
      eta = Optional.of(Duration.ofMillis((long) ((length - verified) * 1000 / rate)));
    }
    return new Progress(
        length,
        verified,
        counters.downloaded(),
        counters.uploaded(),
        rate,
        counters.upRate(),
        stages.pool.count(),
        eta);
  }

  /** Bytes of verified pieces within torrent bytes {@code [offset, offset + length)}. */
  public long verifiedBytesOf(long offset, long length) {
    TorrentInfo t = torrent.metadata();
    if (t == null || length == 0) {
      return 0;
    }
    long pieceLength = t.pieceLength();
    long end = offset + length;
    long sum = 0;
    for (int p = (int) (offset / pieceLength); (long) p * pieceLength < end; p++) {
      if (availability.has(p)) {
        long start = (long) p * pieceLength;
        sum += Math.min(end, start + pieceLength) - Math.max(offset, start);
      }
    }
    return sum;
  }

  /** Sets file {@code index}'s priority ({@link FileSelection#DESELECTED} to stop wanting it). */
  public void selectFile(int index, int priority) {
    priorities(
        pieces -> {
          if (fileSelection == null) {
            TorrentInfo t = torrent.metadata();
            fileSelection =
                new FileSelection(
                    t.files(),
                    new org.ilptorrent.webtorrent.internal.store.PieceGeometry(
                        t.length(), t.pieceLength()));
          }
          fileSelection.set(index, priority, pieces);
        });
  }

  /** See {@link PeerPool#pause()}; any thread. */
  public void pause() {
    paused = true;
    ctx.loop.execute(
        () -> {
          if (!closed) {
            stages.pool.pause();
          }
        });
  }

  /** See {@link PeerPool#resume()}; any thread. */
  public void resume() {
    paused = false;
    ctx.loop.execute(
        () -> {
          if (!closed) {
            stages.pool.resume();
          }
        });
  }

  public boolean isPaused() {
    return paused;
  }

  /** The folder the torrent's files are under. */
  public Path folder() {
    return folder;
  }

  /** Completes once the torrent stopped (removed or failed) and its storage is closed. */
  public CompletableFuture<Void> whenStopped() {
    return stopped;
  }

  /** Changes piece priorities on the loop thread, now or once the metadata is known. */
  @Override
  public void priorities(Consumer<PiecePriorities> change) {
    ctx.loop.execute(
        () -> {
          if (closed) {
            return;
          }
          PiecePicker<PeerConnection> picker = torrent.picker();
          if (picker == null) {
            pendingPriorities.add(change);
          } else {
            change.accept(picker.priorities());
            for (PeerConnection p : List.copyOf(peers)) {
              stages.downloader.updateInterest(p);
            }
          }
        });
  }

  /** Adds a peer to connect to; cheap, idempotent per address, any thread. */
  public void addPeer(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    ctx.loop.execute(() -> stages.offer(address));
  }

  /**
   * Runs this torrent's peer wire over a transport's connected stream; any thread. A removed
   * torrent, or one at its connection limit, closes the stream.
   */
  public void attach(PeerStream stream) {
    Objects.requireNonNull(stream, "stream");
    ctx.loop.execute(() -> PeerConnection.attach(ctx, stages.connections, stream));
  }

  // ---- lifecycle (loop thread) ----

  /** Registers the session and starts its first stage. */
  public void start(List<InetSocketAddress> initialPeers) {
    ctx.sessions.put(infoHash, stages.connections);
    ctx.loop.onTick(ticker);
    TorrentInfo t = torrent.metadata();
    if (t != null) {
      events.metadata(t);
      openStorage();
    }
    initialPeers.forEach(stages::offer);
  }

  private void onMetadataFetched(byte[] torrentFile) {
    TorrentInfo t;
    try {
      t = TorrentInfo.parse(torrentFile);
    } catch (IllegalArgumentException e) {
      warn("fetched metadata does not parse: " + e.getMessage());
      return;
    }
    if (!stages.gate.isOn() && t.license().isPresent()) {
      // A licence the magnet did not announce: from now on the torrent is gated; peers already
      // connected were never challenged, so they are let go rather than served.
      stages.gate.turnOn();
      for (PeerConnection p : List.copyOf(peers)) {
        p.close("the torrent turned out to be paid");
      }
    }
    torrent.metadata(t);
    torrent.limits(WireLimits.forPieceCount(t.pieceCount()));
    events.metadata(t);
    for (PeerConnection p : List.copyOf(peers)) {
      p.limits(torrent.limits());
      try {
        stages.downloader.checkEarlyPieces(p, t.pieceCount());
      } catch (PeerProtocolException e) {
        p.close(e.getMessage());
      }
    }
    openStorage();
  }

  private void openStorage() {
    TorrentInfo t = torrent.metadata();
    torrent.limits(WireLimits.forPieceCount(t.pieceCount()));
    checker =
        StorageCheck.start(
            storeFactory,
            folder,
            t,
            ctx.threadPrefix + "-check",
            (store, have) -> ctx.loop.execute(() -> onStorageReady(store, have)),
            e -> ctx.loop.execute(() -> fail(e)));
  }

  private void onStorageReady(PieceStore s, BitSet have) {
    if (closed) {
      StorageCheck.closeQuietly(s);
      return;
    }
    TorrentInfo t = torrent.metadata();
    torrent.store(s);
    PiecePicker<PeerConnection> picker =
        new PiecePicker<>(t.length(), t.pieceLength(), have, 2, random);
    torrent.picker(picker);
    if (sequential) {
      picker.priorities().strategy(PiecePriorities.Strategy.SEQUENTIAL);
    }
    pendingPriorities.forEach(c -> c.accept(picker.priorities()));
    pendingPriorities.clear();
    stages.completion.resumed(have, s);
    availability.setAll(have);
    events.ready();
    for (PeerConnection p : List.copyOf(peers)) {
      stages.messages.announceLate(p, have);
      stages.downloader.feedPicker(p);
      stages.downloader.updateInterest(p);
    }
    stages.completion.checkDone();
  }

  /** A terminal failure: peers go, storage closes, listeners get {@code onError}. */
  private void fail(Throwable e) {
    if (closed) {
      return;
    }
    if (e instanceof PaymentException) {
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

  private boolean isClosed() {
    return closed;
  }

  private void shutDown(IOException cause) {
    closed = true;
    ctx.sessions.remove(infoHash, stages.connections);
    ctx.loop.removeTicker(ticker);
    stages.pool.closeAll("torrent closed");
    availability.fail(cause);
    Thread check = checker;
    if (check != null) {
      check.interrupt();
    }
    PieceStore s = torrent.store();
    if (s != null) {
      try {
        s.flush();
      } catch (IOException e) {
        LOG.debug("flushing on close", e);
      }
      StorageCheck.closeQuietly(s);
    }
    stopped.complete(null);
  }

  /** A non-fatal problem of this torrent, told to its listeners; any thread. */
  public void warn(String message) {
    events.warn(message);
  }

  private void emit(Consumer<TorrentListener> event) {
    events.emit(event);
  }
}
