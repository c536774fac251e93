package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.discovery.Discovery;
import org.ilptorrent.discovery.LocalServiceDiscovery;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PartialLicense;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.parse.ParseLimits;
import org.ilptorrent.parse.TorrentIdentity;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.AccessTicket;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.client.TrackerConnections;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.internal.http.SharedHttpClient;
import org.ilptorrent.webtorrent.internal.fetch.TorrentFetch;
import org.ilptorrent.webtorrent.internal.paid.Publisher;
import org.ilptorrent.webtorrent.internal.pay.PaidDownload;
import org.ilptorrent.webtorrent.internal.pay.PaymentStateFile;
import org.ilptorrent.webtorrent.internal.session.Acceptor;
import org.ilptorrent.webtorrent.internal.session.ClientContext;
import org.ilptorrent.webtorrent.internal.session.DiscoveryLink;
import org.ilptorrent.webtorrent.internal.session.EventLoop;
import org.ilptorrent.webtorrent.internal.session.PieceHasher;
import org.ilptorrent.webtorrent.internal.session.TorrentSession;
import org.ilptorrent.webtorrent.internal.store.TorrentFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BitTorrent client over TCP: one listening socket shared by its torrents, one network thread
 * ({@code ilp-webtorrent-io-<port>}) that runs every peer connection, a small pool that checks
 * piece hashes ({@code ilp-webtorrent-hash-<port>-N}), an event thread for listeners ({@code
 * ilp-webtorrent-events-<port>}), and while a torrent's existing data is checked, a thread {@code
 * ilp-webtorrent-<port>-check}. All are daemon threads and all stop on {@link #close()}.
 *
 * <pre>{@code
 * try (WebTorrent client = WebTorrent.builder().downloadFolder(dir).start()) {
 *   Torrent t = client.add(torrentBytes, AddOptions.builder().addPeer(seeder).build());
 *   t.whenDone().get();
 * }
 * }</pre>
 *
 * <p>No network is used unless asked: the client listens on 127.0.0.1 by default and connects only
 * to peers given to it ({@link AddOptions#peers()}, {@link Torrent#addPeer}, or peers those peers
 * name over ut_pex for public torrents).
 */
public final class WebTorrent implements AutoCloseable {
  /** WebRTC offers per WebSocket announce, as WebTorrent's bittorrent-tracker client made them. */
  private static final int OFFERS_PER_ANNOUNCE = 10;

  /** The default storage; a torrent stored with it has its files deleted by {@link #remove}. */
  private static final PieceStoreFactory DEFAULT_STORE = PieceStoreFactory.files();

  /** The largest .torrent {@link #add(String, AddOptions)} reads from a file or URL. */
  private static final int MAX_TORRENT_BYTES = ParseLimits.defaults().maxTorrentBytes();

  private static final Logger LOG = LoggerFactory.getLogger(WebTorrent.class);

  private final ClientContext ctx;
  private final EventLoop loop;
  private final PieceHasher hasher;
  private final ExecutorService events;
  private final Acceptor acceptor;
  private final Path downloadFolder;
  private final int port;
  private final Map<InfoHash, Torrent> torrents = new ConcurrentHashMap<>();
  private final LocalServiceDiscovery lsd;
  private final TrackerConnections trackerConnections;
  private final boolean ownsTrackerConnections;
  private final PaymentPolicy paymentPolicy;
  private final Payer payer;
  private final Duration admissionTimeout;
  private final PeerTransport transport;
  private final ExecutorService payments;
  private final Map<URI, ReceiptVerifierClient> verifiers = new ConcurrentHashMap<>();
  private final List<TorrentServer> servers = new CopyOnWriteArrayList<>();
  private final Duration fetchTimeout;
  private final List<ClientListener> clientListeners = new CopyOnWriteArrayList<>();
  private final Set<Torrent> onDisk = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private volatile Thread eventThread;

  private WebTorrent(Builder b) throws IOException {
    this.downloadFolder = b.downloadFolder.toAbsolutePath().normalize();
    PeerId peerId = b.peerId != null ? b.peerId : PeerId.generate(new SecureRandom());
    this.lsd = b.lsd;
    this.paymentPolicy = b.paymentPolicy;
    this.payer = b.payer;
    this.admissionTimeout = b.admissionTimeout;
    this.transport = b.transport;
    this.fetchTimeout = b.fetchTimeout;
    this.ownsTrackerConnections = b.trackerConnections == null;
    this.trackerConnections =
        b.trackerConnections != null ? b.trackerConnections : TrackerConnections.builder().build();
    ServerSocketChannel server = Acceptor.bind(new InetSocketAddress(b.host, b.port));
    InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
    this.port = local.getPort();
    try {
      this.loop = new EventLoop("ilp-webtorrent-io-" + port);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    this.hasher = new PieceHasher(b.hashThreads, "ilp-webtorrent-hash-" + port);
    this.payments =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "ilp-webtorrent-pay-" + port);
              t.setDaemon(true);
              return t;
            });
    this.events =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ilp-webtorrent-events-" + port);
              t.setDaemon(true);
              eventThread = t;
              return t;
            });
    this.ctx =
        new ClientContext(
            peerId,
            loop,
            hasher,
            events,
            b.clock,
            b.maxConnectionsPerTorrent,
            b.uploadSlots,
            b.banAfterFailedPieces,
            "ilp-webtorrent-" + port);
    ctx.listenAddress(local);
    ctx.encryption(b.encryption);
    ctx.downloadLimit(b.downloadLimit);
    ctx.uploadLimit(b.uploadLimit);
    this.acceptor = new Acceptor(ctx, server);
    try {
      acceptor.register();
    } catch (IOException | RuntimeException e) {
      acceptor.close();
      if (ownsTrackerConnections) {
        trackerConnections.close();
      }
      closeTransport();
      shutDownThreads();
      throw e;
    }
    loop.start();
  }

  /** A builder with the defaults in the module README. */
  public static Builder builder() {
    return new Builder();
  }

  /** Our peer id, as sent in handshakes (and to announce to trackers). */
  public PeerId peerId() {
    return ctx.peerId();
  }

  /** The TCP port the client listens on. */
  public int port() {
    return port;
  }

  /** The folder torrents download into unless their options say otherwise. */
  public Path downloadFolder() {
    return downloadFolder;
  }

  /**
   * Adds a torrent by any of the identifiers WebTorrent's {@code client.add} takes: a magnet link,
   * an info hash (40 hex digits or 32 base32 characters), an http(s) URL of a .torrent file
   * (fetched at once: at most 16 MiB, within {@link Builder#fetchTimeout} (30 s), following up to 3
   * redirects), or the path of a .torrent file.
   *
   * @throws IOException when the file cannot be read or the URL cannot be fetched (the message
   *     names it and says why)
   * @throws IllegalArgumentException when the text is none of these, or what it names is not a
   *     torrent ({@link org.ilptorrent.parse.InvalidTorrentException})
   * @throws IllegalStateException when the torrent was already added or the client is closed
   */
  public Torrent add(String torrentId, AddOptions options) throws IOException {
    Objects.requireNonNull(torrentId, "torrentId");
    String id = torrentId.strip();
    String lower = id.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      URI url;
      try {
        url = new URI(id);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
      }
      byte[] bytes =
          new TorrentFetch(SharedHttpClient.get(), MAX_TORRENT_BYTES, fetchTimeout).fetch(url);
      return add(TorrentInfo.parse(bytes), options);
    }
    Optional<TorrentIdentity> identity = TorrentIdentity.tryParse(id);
    if (identity.isPresent()) {
      return add(identity.get().magnet(), options);
    }
    if (lower.startsWith("magnet:")) {
      TorrentIdentity.parse(id); // throws, saying what is wrong with the magnet
    }
    Path file;
    try {
      file = Path.of(id);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(
          "not a magnet link, info hash, http(s) URL or .torrent path: " + e.getMessage(), e);
    }
    if (!Files.exists(file)) {
      throw new java.nio.file.NoSuchFileException(
          id, null, "no such .torrent file (nor a magnet link, info hash or http(s) URL)");
    }
    return add(TorrentInfo.parse(file), options);
  }

  /**
   * Adds a .torrent file's bytes.
   *
   * @throws org.ilptorrent.parse.InvalidTorrentException when the bytes are not a torrent
   * @throws IllegalStateException when the torrent was already added or the client is closed
   */
  public Torrent add(byte[] torrentFile, AddOptions options) {
    return add(TorrentInfo.parse(torrentFile), options);
  }

  /**
   * Adds a parsed torrent to download; data already in the folder is checked first, so only missing
   * pieces are fetched.
   *
   * @throws IllegalStateException when the torrent was already added or the client is closed
   */
  public Torrent add(TorrentInfo torrent, AddOptions options) {
    Objects.requireNonNull(torrent, "torrent");
    return start(
        torrent.infoHash(),
        torrent.name(),
        Optional.of(torrent),
        options.downloadFolder().orElse(downloadFolder),
        options.storeFactory().orElse(DEFAULT_STORE),
        options.sequential(),
        options.peers(),
        List.of(sources(torrent)),
        torrent.license().isPresent(),
        Optional.of(Optional.empty()),
        options.listeners());
  }

  /**
   * Adds a magnet: the metadata is fetched from peers (ut_metadata), then the download starts.
   * Peers come from the magnet's trackers ({@code tr}, announced to by ilp-torrent-discovery), its
   * peer addresses ({@code x.pe}), local service discovery when the client was built with an
   * endpoint, and the peers given with {@link AddOptions} or {@link Torrent#addPeer}. A tracker
   * that is not a URI, or a peer address that is not an IP literal with a port, becomes a warning.
   * A paid magnet (one with {@code pp}) is found through its trackers only: its {@code x.pe}
   * addresses and local service discovery are not used, so no peer bypasses the tracker's gate.
   *
   * @throws IllegalArgumentException when the magnet has no v1 info hash
   * @throws IllegalStateException when the torrent was already added or the client is closed
   */
  public Torrent add(MagnetUri magnet, AddOptions options) {
    InfoHash hash =
        magnet
            .infoHash()
            .filter(h -> h.version() == 1)
            .orElseThrow(() -> new IllegalArgumentException("the magnet has no v1 info hash"));
    // A paid magnet (pp) is found through its trackers only: no x.pe, LSD or DHT may bypass the
    // tracker's gate, whatever the magnet carries.
    boolean paid = magnet.paymentPointer().isPresent();
    Source sources =
        Source.of(
            paid
                ? Discovery.builder()
                    .infoHash(hash)
                    .announce(trackerUris(magnet.announce()))
                    .privateTorrent(true)
                : Discovery.builder().magnet(magnet));
    return start(
        hash,
        magnet.name().orElse(hash.toHex()),
        Optional.empty(),
        options.downloadFolder().orElse(downloadFolder),
        options.storeFactory().orElse(DEFAULT_STORE),
        options.sequential(),
        options.peers(),
        List.of(sources),
        paid,
        Optional.of(magnet.license()),
        options.listeners());
  }

  /**
   * Adds a torrent known only by its v1 info hash, like a magnet with nothing but {@code xt}.
   *
   * @throws IllegalArgumentException when the hash is not a v1 (SHA-1) info hash
   * @throws IllegalStateException when the torrent was already added or the client is closed
   */
  public Torrent add(InfoHash infoHash, AddOptions options) {
    return add(MagnetUri.builder(infoHash).build(), options);
  }

  /**
   * Seeds a torrent whose data is in {@code dataFolder} (laid out as the torrent says, under its
   * name): the data is checked, then served. Pieces that are missing or wrong are downloaded like
   * in {@link #add}.
   */
  public Torrent seed(TorrentInfo torrent, Path dataFolder, SeedOptions options) {
    Objects.requireNonNull(torrent, "torrent");
    Objects.requireNonNull(dataFolder, "dataFolder");
    return start(
        torrent.infoHash(),
        torrent.name(),
        Optional.of(torrent),
        dataFolder,
        options.storeFactory().orElse(DEFAULT_STORE),
        false,
        options.peers(),
        List.of(sources(torrent)),
        torrent.license().isPresent(),
        Optional.empty(),
        List.of());
  }

  /**
   * Makes a free torrent of one file or folder, exactly as {@code ilp-create-torrent} (and npm
   * create-torrent) would with these trackers, and seeds it from where it lies: the data folder is
   * the path's parent. The torrent made is the handle's {@link Torrent#metadata()}.
   *
   * @throws IOException when the path cannot be read
   * @throws InterruptedException when interrupted while hashing
   * @throws IllegalArgumentException when it holds nothing to share (empty, or only hidden files)
   * @throws IllegalStateException when that torrent was already added or the client is closed
   */
  public Torrent seed(Path fileOrFolder, List<String> announce, SeedOptions options)
      throws IOException, InterruptedException {
    Path path = fileOrFolder.toAbsolutePath().normalize();
    byte[] created =
        TorrentCreator.builder().addPath(path).announce(announce).build().create().torrentFile();
    Path parent = path.getParent() != null ? path.getParent() : path;
    return seed(TorrentInfo.parse(created), parent, options);
  }

  /**
   * Publishes and seeds a paid torrent of one file or folder, from where it lies (the data folder
   * is the path's parent): learns the wallet's asset and restates the price exactly at its scale
   * (or refuses), registers the wallet at the verifier (the licence names the verifier's proxy
   * pointer), makes the torrent with the committed licence (private), registers it at every tracker
   * and announces there with the seeder token each returned. The tokens and the trackers' ticket
   * keys stay in the state folder (mode 0600), never in the magnet, the .torrent or a log; a
   * restart with the same data and state folder seeds on with the stored tokens. Peers are served
   * only once they show an access ticket ({@link Torrent#isPaid()}). The magnet to share, with
   * {@code pp} and {@code vr}, is {@code torrent.metadata().orElseThrow().toMagnetUri()}.
   *
   * @throws PublishException when a check or a registration fails; nothing after the failing step
   *     was registered
   * @throws IOException when the data cannot be read or a service cannot be reached
   * @throws InterruptedException when interrupted while hashing or registering
   * @throws IllegalStateException when that torrent was already added or the client is closed
   */
  public Torrent seedPaid(Path fileOrFolder, PaidSeedOptions options)
      throws IOException, InterruptedException {
    Objects.requireNonNull(options, "options");
    Path path = fileOrFolder.toAbsolutePath().normalize();
    Path parent = path.getParent() != null ? path.getParent() : path;
    String name = path.getFileName() == null ? "root" : path.getFileName().toString();
    Path state = options.stateFolder().orElse(parent.resolve(".ilp-torrent").resolve(name));
    // The process's one HttpClient (no redirects, 10 s connect): on Java 17 a client cannot be
    // closed, and one made here would leave its selector thread behind.
    Publisher.Published published =
        new Publisher(SharedHttpClient.get()).publish(path, options, state);
    TorrentInfo torrent = published.torrent();
    List<Source> perTracker = new ArrayList<>();
    for (Publisher.Registration r : published.registrations()) {
      // one discovery per tracker: each tracker's seeder token goes to that tracker only
      Source source =
          Source.of(
              Discovery.builder()
                  .infoHash(torrent.infoHash())
                  .announce(List.of(r.tracker()))
                  .privateTorrent(true));
      source.tracker().seederToken(r.seederToken());
      perTracker.add(source);
    }
    Torrent handle =
        start(
            torrent.infoHash(),
            torrent.name(),
            Optional.of(torrent),
            parent,
            DEFAULT_STORE,
            false,
            List.of(),
            perTracker,
            true,
            Optional.empty(),
            List.of());
    for (Publisher.Registration r : published.registrations()) {
      r.ticketKey().ifPresent(k -> handle.trackerKey(AccessKeys.publicKey(k)));
    }
    if (published.registrations().stream().allMatch(r -> r.ticketKey().isEmpty())) {
      handle
          .session()
          .warn("no tracker issues access tickets for this torrent: no peer can be served");
    }
    return handle;
  }

  /** Where discovery looks for peers of a torrent we have the metadata of. */
  private static Source sources(TorrentInfo torrent) {
    return Source.of(
        Discovery.builder()
            .infoHash(torrent.infoHash())
            .announce(trackerUris(torrent.announce()))
            // a paid torrent is private by construction; a licence alone also keeps LSD and DHT
            // away
            .privateTorrent(torrent.isPrivate() || torrent.license().isPresent()));
  }

  /** Where discovery looks for peers of a torrent, and how it talks to the trackers. */
  private record Source(Discovery.Builder discovery, TrackerClientOptions.Builder tracker) {
    static Source of(Discovery.Builder discovery) {
      return new Source(discovery, TrackerClientOptions.builder());
    }

    /** The discovery settings, with the tracker options as they are now. */
    Discovery.Builder settings() {
      return discovery.trackerOptions(tracker.build());
    }
  }

  private static List<URI> trackerUris(List<String> announce) {
    List<URI> trackers = new ArrayList<>();
    for (String url : announce) {
      try {
        trackers.add(new URI(url));
      } catch (URISyntaxException e) {
        // An unreadable announce URL is skipped, as every client does; the others still work.
      }
    }
    return trackers;
  }

  /**
   * Starts an HTTP server for this client's torrents (see {@link TorrentServer}): players and
   * browsers fetch files from it while they download. Closing the client closes it too.
   *
   * @throws IOException when the address cannot be bound
   * @throws IllegalStateException when the client is closed
   */
  public synchronized TorrentServer createServer(ServerOptions options) throws IOException {
    if (closed) {
      throw new IllegalStateException("client closed");
    }
    TorrentServer server = TorrentServer.start(this, options, servers::remove);
    servers.add(server);
    return server;
  }

  /** The torrent added under {@code infoHash}, unless it was removed. */
  public Optional<Torrent> torrent(InfoHash infoHash) {
    return Optional.ofNullable(torrents.get(infoHash));
  }

  /** The torrents added and not removed. */
  public List<Torrent> torrents() {
    return List.copyOf(new ArrayList<>(torrents.values()));
  }

  /**
   * Removes {@code torrent} like {@link Torrent#remove()} and, when {@code deleteFiles}, deletes
   * its files and the folders of it left empty (WebTorrent's {@code client.remove(id, {
   * destroyStore })}). Only files of the default storage are deleted (not those of a {@link
   * AddOptions#storeFactory()} of the application's); a paid download's payment state stays, so
   * adding it again pays nothing more.
   *
   * @return completes once storage is closed and the files are gone, or exceptionally with the
   *     {@link IOException} of a file that could not be deleted
   */
  public CompletableFuture<Void> remove(Torrent torrent, boolean deleteFiles) {
    Objects.requireNonNull(torrent, "torrent");
    boolean delete = deleteFiles && onDisk.contains(torrent);
    torrent.remove();
    CompletableFuture<Void> stopped = torrent.session().whenStopped();
    if (!delete) {
      return stopped;
    }
    TorrentSession session = torrent.session();
    return stopped.thenRunAsync(
        () -> {
          try {
            TorrentFiles.delete(session.folder(), session.metadata());
          } catch (IOException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
  }

  /**
   * Limits the download rate of every torrent together to {@code bytesPerSecond}, at once and for
   * transfers in progress (WebTorrent's {@code throttleDownload}): block requests are paced by a
   * token bucket holding a quarter second's worth. {@code -1} removes the limit; 0 stops
   * downloading until the limit changes.
   *
   * @throws IllegalArgumentException when below -1
   */
  public void throttleDownload(long bytesPerSecond) {
    ctx.downloadLimit(bytesPerSecond);
  }

  /** Limits the upload rate of every torrent together, like {@link #throttleDownload(long)}. */
  public void throttleUpload(long bytesPerSecond) {
    ctx.uploadLimit(bytesPerSecond);
  }

  /** The download limit in bytes per second, {@code -1} when unlimited. */
  public long downloadLimit() {
    return ctx.downloadLimit();
  }

  /** The upload limit in bytes per second, {@code -1} when unlimited. */
  public long uploadLimit() {
    return ctx.uploadLimit();
  }

  /** Every torrent's progress together: bytes, rates and ratio. */
  public ClientProgress progress() {
    return ClientProgress.of(torrents().stream().map(Torrent::progress).toList());
  }

  /** Adds a listener for the client's events (see {@link ClientListener} for the thread). */
  public void addListener(ClientListener listener) {
    clientListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void emitClient(java.util.function.Consumer<ClientListener> event) {
    if (clientListeners.isEmpty()) {
      return;
    }
    try {
      events.execute(
          () -> {
            for (ClientListener l : clientListeners) {
              try {
                event.accept(l);
              } catch (RuntimeException e) {
                LOG.warn("a client listener threw", e);
              }
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("client event dropped after close");
    }
  }

  private synchronized Torrent start(
      InfoHash hash,
      String name,
      Optional<TorrentInfo> metadata,
      Path folder,
      PieceStoreFactory factory,
      boolean sequential,
      List<InetSocketAddress> peers,
      List<Source> sources,
      boolean paidSession,
      Optional<Optional<PartialLicense>> pays,
      List<TorrentListener> listeners) {
    if (closed) {
      throw new IllegalStateException("client closed");
    }
    if (torrents.containsKey(hash)) {
      throw new IllegalStateException("torrent " + hash.toHex() + " already added");
    }
    TorrentSession session =
        new TorrentSession(ctx, hash, name, metadata, folder, factory, sequential);
    if (paidSession) {
      session.paid();
    }
    List<DiscoveryLink> links = new java.util.concurrent.CopyOnWriteArrayList<>();
    PaidDownload[] paid = new PaidDownload[1];
    PeerTransport.Swarm swarm = transport == null ? null : transport.join(hash, session::attach);
    java.util.function.Consumer<org.ilptorrent.tracker.client.ReceivedAnswer> answers =
        swarm == null ? answer -> {} : swarm::onAnswer;
    Torrent[] holder = new Torrent[1];
    Torrent handle =
        new Torrent(
            session,
            () -> {
              if (!torrents.remove(hash, holder[0])) {
                return; // removed already
              }
              onDisk.remove(holder[0]);
              emitClient(l -> l.onTorrentRemoved(holder[0]));
              if (paid[0] != null) {
                paid[0].close();
              }
              links.forEach(DiscoveryLink::close);
              if (swarm != null) {
                swarm.close();
              }
              loop.execute(session::remove);
            });
    holder[0] = handle;
    listeners.forEach(handle::addListener);
    handle.addListener(
        new TorrentListener() {
          @Override
          public void onError(Throwable error) {
            emitClient(l -> l.onTorrentError(handle, error));
          }
        });
    torrents.put(hash, handle);
    if (factory == DEFAULT_STORE) {
      onDisk.add(handle);
    }
    emitClient(l -> l.onTorrentAdded(handle));
    List<InetSocketAddress> initial = List.copyOf(peers);
    loop.execute(() -> session.start(initial));
    for (Source b : sources) {
      b.discovery().peerId(ctx.peerId().toBytes()).port(port());
      b.tracker().connections(trackerConnections);
      if (swarm != null) {
        b.tracker().offerFactory(swarm).maxOffers(OFFERS_PER_ANNOUNCE);
      }
      if (lsd != null) {
        b.discovery().lsd(lsd);
      }
    }
    if (pays.isEmpty()) {
      for (Source b : sources) {
        links.add(DiscoveryLink.start(b.settings(), handle, session::warn, null, answers));
      }
      return handle;
    }
    paid[0] =
        new PaidDownload(
            pays.get(),
            metadata,
            paymentPolicy,
            payer,
            new PaymentStateFile(folder, hash),
            payments,
            admissionTimeout,
            uri -> verifiers.computeIfAbsent(uri, u -> ReceiptVerifierClient.builder(u).build()),
            new PaidDownload.Hooks() {
              @Override
              public void emit(java.util.function.Consumer<TorrentListener> event) {
                session.emitLater(event);
              }

              @Override
              public void fail(PaymentException error) {
                session.failLater(error);
                handle.remove();
              }

              @Override
              public void announceWith(String balanceId, java.security.KeyPair leecherKey) {
                handle.leecherKey(leecherKey);
                links.forEach(l -> l.announceWith(balanceId, leecherKey.getPublic()));
              }

              @Override
              public void accessTicket(AccessTicket ticket, java.security.PublicKey trackerKey) {
                handle.accessTicket(ticket, trackerKey);
              }

              @Override
              public void warn(String message) {
                session.warn(message);
              }
            });
    Optional<String> resumed = paid[0].resumedBalanceId();
    Optional<java.security.KeyPair> resumedKey = paid[0].resumedLeecherKey();
    resumedKey.ifPresent(handle::leecherKey);
    for (Source b : sources) {
      resumed.ifPresent(b.tracker()::balanceId);
      resumedKey.ifPresent(k -> b.tracker().leecherKey(k.getPublic()));
    }
    handle.addListener(
        new TorrentListener() {
          @Override
          public void onMetadata(TorrentInfo t) {
            paid[0].onMetadata(t);
          }
        });
    DiscoveryLink.Payments hook =
        new DiscoveryLink.Payments() {
          @Override
          public void onPaymentRequired(URI tracker, org.ilptorrent.magnet.License license) {
            paid[0].onPaymentRequired(tracker, license);
          }

          @Override
          public void onAnnounced(URI tracker) {
            paid[0].onAnnounced(tracker);
          }

          @Override
          public void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {
            paid[0].onAccessTicket(tracker, hash, ticket, trackerKey);
          }
        };
    for (Source b : sources) {
      links.add(DiscoveryLink.start(b.settings(), handle, session::warn, hook, answers));
    }
    return handle;
  }

  /**
   * Stops every torrent (peers disconnected, storage flushed and closed), the listening socket and
   * the threads. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    List.copyOf(servers).forEach(TorrentServer::close);
    for (Torrent t : torrents()) {
      t.remove();
    }
    loop.execute(acceptor::close);
    if (ownsTrackerConnections) {
      trackerConnections.close();
    }
    closeTransport();
    shutDownThreads();
  }

  private void closeTransport() {
    if (transport != null) {
      transport.close();
    }
  }

  private void shutDownThreads() {
    try {
      loop.close();
      hasher.close();
      payments.shutdownNow();
      events.shutdown();
      if (Thread.currentThread() != eventThread) {
        // a listener may close the client; its own thread cannot wait for itself
        events.awaitTermination(10, TimeUnit.SECONDS);
        // the pool is terminated once its last task ran; its thread may still be on its way out
        Thread t = eventThread;
        if (t != null) {
          t.join(TimeUnit.SECONDS.toMillis(10));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds a {@link WebTorrent}; every setting has a default. */
  public static final class Builder {
    private PeerId peerId;
    private String host = "127.0.0.1";
    private int port;
    private Path downloadFolder = Path.of("Downloads");
    private int maxConnectionsPerTorrent = 55;
    private int uploadSlots = 4;
    private int banAfterFailedPieces = 3;
    private int hashThreads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private Clock clock = Clock.systemUTC();
    private LocalServiceDiscovery lsd;
    private TrackerConnections trackerConnections;
    private PaymentPolicy paymentPolicy = PaymentPolicy.refuse();
    private Payer payer;
    private Duration admissionTimeout = Duration.ofSeconds(60);
    private EncryptionPolicy encryption = EncryptionPolicy.PREFER;
    private PeerTransport transport;
    private Duration fetchTimeout = Duration.ofSeconds(30);
    private long downloadLimit = -1;
    private long uploadLimit = -1;

    private Builder() {}

    /**
     * Whether TCP connections use Message Stream Encryption; default {@link
     * EncryptionPolicy#PREFER} (MSE first with a plaintext retry when dialling, both accepted),
     * which works with every client, those that require encryption included.
     */
    public Builder encryption(EncryptionPolicy policy) {
      this.encryption = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The download rate of every torrent together, in bytes per second (WebTorrent's {@code
     * downloadLimit}); default -1, unlimited. Changeable later with {@link
     * WebTorrent#throttleDownload}.
     */
    public Builder downloadLimit(long bytesPerSecond) {
      this.downloadLimit = rate(bytesPerSecond, "downloadLimit");
      return this;
    }

    /**
     * A transport besides TCP, such as {@code ilp-webtorrent-webrtc}'s WebRTC transport: every
     * torrent then makes offers on its WebSocket trackers' announces (up to 10 each) and answers
     * the offers they forward. None by default. The client closes it on {@link WebTorrent#close()}.
     */
    public Builder transport(PeerTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The upload rate of every torrent together, in bytes per second (WebTorrent's {@code
     * uploadLimit}); default -1, unlimited. Changeable later with {@link
     * WebTorrent#throttleUpload}.
     */
    public Builder uploadLimit(long bytesPerSecond) {
      this.uploadLimit = rate(bytesPerSecond, "uploadLimit");
      return this;
    }

    /**
     * How long {@link WebTorrent#add(String, AddOptions)} may take to fetch a .torrent URL, from
     * the request to the last byte, redirects included; default 30 s.
     */
    public Builder fetchTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("fetchTimeout must be positive: " + timeout);
      }
      this.fetchTimeout = timeout;
      return this;
    }

    private static long rate(long bytesPerSecond, String name) {
      if (bytesPerSecond < -1) {
        throw new IllegalArgumentException(
            name + " must be -1 (unlimited) or bytes per second: " + bytesPerSecond);
      }
      return bytesPerSecond;
    }

    /**
     * Whether to pay a paid torrent's licence; default {@link PaymentPolicy#refuse()}, so no money
     * moves without the application's consent.
     */
    public Builder paymentPolicy(PaymentPolicy policy) {
      this.paymentPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How to pay, such as {@link Payer#stream}; none by default (a paid torrent the policy approves
     * then ends with {@link PaymentException.Reason#NO_PAYER}).
     */
    public Builder payer(Payer payer) {
      this.payer = Objects.requireNonNull(payer, "payer");
      return this;
    }

    /**
     * How long after paying (or after re-announcing a paid balance) a tracker may take to admit it
     * before the torrent ends with {@link PaymentException.Reason#NOT_ADMITTED}; default 60 s.
     */
    public Builder admissionTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("admissionTimeout must be positive: " + timeout);
      }
      this.admissionTimeout = timeout;
      return this;
    }

    /**
     * Local service discovery (BEP 14) for public torrents through this endpoint; none by default,
     * so nothing is multicast unless the application asks for it.
     */
    public Builder lsd(LocalServiceDiscovery lsd) {
      this.lsd = Objects.requireNonNull(lsd, "lsd");
      return this;
    }

    /**
     * The tracker connections torrents share (one WebSocket per tracker); by default the client
     * opens its own pool and closes it on {@link WebTorrent#close()}.
     */
    public Builder trackerConnections(TrackerConnections connections) {
      this.trackerConnections = Objects.requireNonNull(connections, "connections");
      return this;
    }

    /** Our peer id; default a random {@code -IJ0100-} id. */
    public Builder peerId(PeerId id) {
      this.peerId = Objects.requireNonNull(id, "id");
      return this;
    }

    /** The address to listen on; default {@code 127.0.0.1} (use {@code 0.0.0.0} for all). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The TCP port to listen on; default 0, a free port (see {@link WebTorrent#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Where torrents download; default {@code ./Downloads} (relative to the working folder). */
    public Builder downloadFolder(Path folder) {
      this.downloadFolder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** Peer connections per torrent, both directions; default 55. */
    public Builder maxConnectionsPerTorrent(int max) {
      this.maxConnectionsPerTorrent = positive(max, "maxConnectionsPerTorrent");
      return this;
    }

    /** Peers unchoked by rate per torrent, besides the optimistic one; default 4. */
    public Builder uploadSlots(int slots) {
      this.uploadSlots = positive(slots, "uploadSlots");
      return this;
    }

    /** Failed pieces a peer may contribute to before it is banned; default 3. */
    public Builder banAfterFailedPieces(int count) {
      this.banAfterFailedPieces = positive(count, "banAfterFailedPieces");
      return this;
    }

    /** Threads that check piece hashes; default 2 (1 on one processor). */
    public Builder hashThreads(int threads) {
      this.hashThreads = positive(threads, "hashThreads");
      return this;
    }

    /** The clock for timeouts, keep-alives and choking rounds; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Starts the client: binds the port and starts its threads.
     *
     * @throws IOException when the port cannot be bound
     */
    public WebTorrent start() throws IOException {
      try {
        return new WebTorrent(this);
      } catch (IOException e) {
        throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
