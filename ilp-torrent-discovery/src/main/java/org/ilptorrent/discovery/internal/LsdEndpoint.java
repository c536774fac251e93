package org.ilptorrent.discovery.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket side of BEP 14: one UDP socket, a reader thread and a timer thread, shared by every
 * torrent registered on it. Announces each registered torrent when it registers and then every
 * announce interval (never more than once a minute per torrent, as the BEP asks), reads others'
 * announces within a datagram budget, ignores its own by cookie, and routes each announced peer to
 * the torrents registered for its info hash.
 *
 * <p>Announces heard for torrents nobody has registered yet are remembered for two announce
 * intervals (bounded), so a torrent that starts later learns at once the peers that announced
 * before it; without that two peers starting minutes apart would wait a full interval.
 */
public final class LsdEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LsdEndpoint.class);

  /** BEP 14: "at most once per minute" per torrent. */
  public static final Duration MIN_ANNOUNCE_INTERVAL = Duration.ofMinutes(1);

  private static final int MAX_REMEMBERED_TORRENTS = 1024;
  private static final int MAX_REMEMBERED_PEERS = 16;
  private static final Duration WARNING_PERIOD = Duration.ofMinutes(1);

  /**
   * How an endpoint is set up.
   *
   * @param group the group address: the {@code Host} header, the default bind port and target,
   *     joined when it is a multicast address
   * @param bind where to receive; empty means the group's port on the wildcard address for a
   *     multicast group, the group address itself otherwise
   * @param targets where announces are sent
   * @param networkInterface the interface for multicast; empty lets the system choose
   * @param announceInterval how often each torrent is announced (at least a minute)
   * @param maxDatagramBytes longer datagrams are ignored
   * @param maxInfoHashes datagrams announcing more torrents are ignored
   * @param maxDatagramsPerSecond datagrams beyond this rate are dropped unread
   * @param clock for the announce schedule, remembered peers and warnings
   */
  public record Settings(
      InetSocketAddress group,
      Optional<InetSocketAddress> bind,
      List<InetSocketAddress> targets,
      Optional<NetworkInterface> networkInterface,
      Duration announceInterval,
      int maxDatagramBytes,
      int maxInfoHashes,
      int maxDatagramsPerSecond,
      Clock clock) {
    /** Validates the settings. */
    public Settings {
      if (group == null || group.isUnresolved() || group.getPort() < 1) {
        throw new IllegalArgumentException("the group must be a resolved address with a port");
      }
      if (bind == null || networkInterface == null || clock == null) {
        throw new IllegalArgumentException("bind, networkInterface and clock must not be null");
      }
      targets = List.copyOf(targets);
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("at least one target is required");
      }
      for (InetSocketAddress t : targets) {
        if (t.isUnresolved() || t.getPort() < 1) {
          throw new IllegalArgumentException("target " + t + " must be resolved, with a port");
        }
      }
      if (announceInterval == null || announceInterval.compareTo(MIN_ANNOUNCE_INTERVAL) < 0) {
        throw new IllegalArgumentException(
            "announceInterval must be at least a minute (BEP 14), got " + announceInterval);
      }
      if (maxDatagramBytes < 256 || maxDatagramBytes > 65507) {
        throw new IllegalArgumentException(
            "maxDatagramBytes must be 256..65507, got " + maxDatagramBytes);
      }
      if (maxInfoHashes < 1 || maxInfoHashes > 256) {
        throw new IllegalArgumentException("maxInfoHashes must be 1..256, got " + maxInfoHashes);
      }
      if (maxDatagramsPerSecond < 1) {
        throw new IllegalArgumentException(
            "maxDatagramsPerSecond must be >= 1, got " + maxDatagramsPerSecond);
      }
    }
  }

  /** Where an endpoint reports to one registered torrent; called on the endpoint's threads. */
  public interface Subscriber {
    /** A peer announced the torrent: its datagram's source address and its {@code Port}. */
    void onPeer(InetSocketAddress peer);

    /** Something went wrong that the torrent's owner may want to know about. */
    void onWarning(String message);
  }

  private record Key(InfoHash infoHash, int port) {}

  private final Settings settings;
  private final DatagramSocket socket;
  private final String cookie;
  private final String hostHeader;
  private final RateLimiter budget;
  private final WarningThrottle badDatagrams;
  private final WarningThrottle overBudget;
  private final ScheduledExecutorService timer;
  private final Thread reader;

  private final Map<InfoHash, List<Registration>> registrations = new HashMap<>();
  private final Map<Key, Instant> nextAnnounce = new HashMap<>();
  private final Map<Key, Instant> lastSent = new HashMap<>();
  // Access order: the torrent heard of least recently is forgotten first.
  private final LinkedHashMap<InfoHash, LinkedHashMap<InetSocketAddress, Instant>> heard =
      new LinkedHashMap<>(16, 0.75f, true);
  private ScheduledFuture<?> pendingFlush;
  private boolean closed;

  private LsdEndpoint(Settings settings, DatagramSocket socket) {
    this.settings = settings;
    this.socket = socket;
    byte[] c = new byte[8];
    new SecureRandom().nextBytes(c);
    this.cookie = HexFormat.of().formatHex(c);
    String host = settings.group().getAddress().getHostAddress();
    this.hostHeader =
        (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.group().getPort();
    this.budget =
        new RateLimiter(
            settings.maxDatagramsPerSecond(), settings.maxDatagramsPerSecond(), settings.clock());
    this.badDatagrams = new WarningThrottle(WARNING_PERIOD, settings.clock());
    this.overBudget = new WarningThrottle(WARNING_PERIOD, settings.clock());
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("lsd-timer"));
    this.reader = DaemonThreads.thread(this::readLoop, "lsd");
  }

  /**
   * Opens the socket (joining the group when it is a multicast address) and starts the threads.
   *
   * @throws IOException when the socket cannot be bound or the group joined
   */
  public static LsdEndpoint open(Settings settings) throws IOException {
    DatagramSocket socket = null;
    try {
      if (settings.group().getAddress().isMulticastAddress()) {
        MulticastSocket ms = new MulticastSocket(null);
        socket = ms;
        ms.setReuseAddress(true);
        ms.bind(settings.bind().orElse(new InetSocketAddress(settings.group().getPort())));
        if (settings.networkInterface().isPresent()) {
          ms.setNetworkInterface(settings.networkInterface().get());
        }
        ms.joinGroup(settings.group(), settings.networkInterface().orElse(null));
      } else {
        socket = new DatagramSocket(null);
        socket.bind(settings.bind().orElse(settings.group()));
      }
    } catch (IOException | RuntimeException e) {
      if (socket != null) {
        socket.close();
      }
      throw e;
    }
    LsdEndpoint endpoint = new LsdEndpoint(settings, socket);
    endpoint.reader.start();
    return endpoint;
  }

  /** The address the socket receives on. */
  public InetSocketAddress localAddress() {
    SocketAddress a = socket.getLocalSocketAddress();
    return (InetSocketAddress) a;
  }

  /** The cookie this endpoint sends, by which it recognises its own announces. */
  public String cookie() {
    return cookie;
  }

  /** How many torrents are registered. */
  public synchronized int torrentCount() {
    return registrations.size();
  }

  /** Whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Registers a torrent: it is announced soon (at once unless it was announced less than a minute
   * ago) and then every interval, and peers announcing it reach {@code subscriber}, starting with
   * those heard lately.
   *
   * @throws IllegalStateException when the endpoint is closed
   */
  public Registration register(InfoHash infoHash, int port, Subscriber subscriber) {
    if (infoHash.version() != 1 || port < 1 || port > 65535) {
      throw new IllegalArgumentException("a v1 info hash and a port in 1..65535 are required");
    }
    Registration r = new Registration(new Key(infoHash, port), subscriber);
    List<InetSocketAddress> known;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the local service discovery endpoint is closed");
      }
      registrations.computeIfAbsent(infoHash, k -> new ArrayList<>()).add(r);
      Instant now = settings.clock().instant();
      if (!nextAnnounce.containsKey(r.key)) {
        Instant sent = lastSent.get(r.key);
        Instant earliest = sent == null ? now : sent.plus(MIN_ANNOUNCE_INTERVAL);
        nextAnnounce.put(r.key, earliest.isAfter(now) ? earliest : now);
      }
      known = heardLately(infoHash, now);
      scheduleFlush(Duration.ZERO);
    }
    for (InetSocketAddress peer : known) {
      r.subscriber.onPeer(peer);
    }
    return r;
  }

  /** Closes the socket, stops both threads and drops every registration. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      registrations.clear();
      nextAnnounce.clear();
    }
    timer.shutdownNow();
    socket.close();
    if (Thread.currentThread() != reader) {
      try {
        reader.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One torrent's place on the endpoint; closing it stops announcing and routing. */
  public final class Registration implements AutoCloseable {
    private final Key key;
    private final Subscriber subscriber;

    private Registration(Key key, Subscriber subscriber) {
      this.key = key;
      this.subscriber = subscriber;
    }

    /** Unregisters; idempotent. */
    @Override
    public void close() {
      synchronized (LsdEndpoint.this) {
        List<Registration> list = registrations.get(key.infoHash());
        if (list == null || !list.remove(this)) {
          return;
        }
        if (list.isEmpty()) {
          registrations.remove(key.infoHash());
        }
        boolean keyStillUsed = list.stream().anyMatch(other -> other.key.equals(key));
        if (!keyStillUsed) {
          nextAnnounce.remove(key);
        }
      }
    }
  }

  private void scheduleFlush(Duration delay) {
    if (closed) {
      return;
    }
    if (pendingFlush != null) {
      pendingFlush.cancel(false);
    }
    pendingFlush = timer.schedule(this::flush, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Announces every torrent that is due, then schedules the next round. */
  private void flush() {
    List<Key> due = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      Instant now = settings.clock().instant();
      Instant earliest = null;
      for (Map.Entry<Key, Instant> e : nextAnnounce.entrySet()) {
        if (!e.getValue().isAfter(now)) {
          due.add(e.getKey());
          e.setValue(now.plus(settings.announceInterval()));
          lastSent.put(e.getKey(), now);
        }
        if (earliest == null || e.getValue().isBefore(earliest)) {
          earliest = e.getValue();
        }
      }
      lastSent.values().removeIf(t -> !now.isBefore(t.plus(MIN_ANNOUNCE_INTERVAL)));
      if (earliest != null) {
        Duration wait = Duration.between(now, earliest);
        scheduleFlush(wait.isNegative() ? Duration.ZERO : wait);
      }
    }
    for (Key k : due) {
      send(k);
    }
  }

  private void send(Key k) {
    // One torrent per datagram: several Infohash lines are allowed, but some peers read only the
    // first, and once a minute per torrent is little traffic.
    byte[] bytes =
        new LsdMessage(
                Optional.of(hostHeader), k.port(), List.of(k.infoHash()), Optional.of(cookie))
            .encode();
    for (InetSocketAddress target : settings.targets()) {
      try {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
      } catch (IOException e) {
        if (isClosed()) {
          return;
        }
        LOG.debug("LSD announce to {} failed", target, e);
        for (Subscriber s : subscribers(k.infoHash())) {
          s.onWarning("could not send the LSD announce to " + target + ": " + e.getMessage());
        }
      }
    }
  }

  private void readLoop() {
    byte[] buffer = new byte[settings.maxDatagramBytes() + 1];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!isClosed()) {
      packet.setLength(buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (isClosed()) {
          return;
        }
        LOG.debug("LSD receive failed", e);
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        continue;
      }
      try {
        handle(packet);
      } catch (RuntimeException e) {
        LOG.warn("LSD datagram handling failed", e);
      }
    }
  }

  private void handle(DatagramPacket packet) {
    if (!budget.tryAcquire()) {
      overBudget
          .admit("dropped LSD datagrams beyond " + settings.maxDatagramsPerSecond() + " a second")
          .ifPresent(this::warnAll);
      return;
    }
    LsdMessage message;
    try {
      message =
          LsdMessage.parse(
              packet.getData(),
              packet.getLength(),
              settings.maxDatagramBytes(),
              settings.maxInfoHashes());
    } catch (InvalidLsdMessageException e) {
      LOG.debug("ignored an LSD datagram from {}: {}", packet.getAddress(), e.getMessage());
      badDatagrams
          .admit(
              "ignored a bad LSD datagram from "
                  + packet.getAddress().getHostAddress()
                  + ": "
                  + e.getMessage())
          .ifPresent(this::warnAll);
      return;
    }
    if (message.cookie().filter(cookie::equals).isPresent()) {
      return;
    }
    InetSocketAddress peer = new InetSocketAddress(packet.getAddress(), message.port());
    if (!PeerAddresses.usable(peer)) {
      return;
    }
    List<Subscriber> to = new ArrayList<>();
    synchronized (this) {
      Instant now = settings.clock().instant();
      for (InfoHash h : message.infoHashes()) {
        remember(h, peer, now);
        for (Registration r : registrations.getOrDefault(h, List.of())) {
          to.add(r.subscriber);
        }
      }
    }
    for (Subscriber s : to) {
      s.onPeer(peer);
    }
  }

  private void warnAll(String message) {
    LOG.debug("{}", message);
    Set<Subscriber> all = new LinkedHashSet<>();
    synchronized (this) {
      registrations.values().forEach(list -> list.forEach(r -> all.add(r.subscriber)));
    }
    all.forEach(s -> s.onWarning(message));
  }

  private synchronized List<Subscriber> subscribers(InfoHash h) {
    return registrations.getOrDefault(h, List.of()).stream().map(r -> r.subscriber).toList();
  }

  private void remember(InfoHash h, InetSocketAddress peer, Instant now) {
    LinkedHashMap<InetSocketAddress, Instant> peers =
        heard.computeIfAbsent(h, k -> new LinkedHashMap<>());
    peers.remove(peer);
    peers.put(peer, now);
    trim(peers.keySet().iterator(), peers.size() - MAX_REMEMBERED_PEERS);
    trim(heard.keySet().iterator(), heard.size() - MAX_REMEMBERED_TORRENTS);
  }

  private List<InetSocketAddress> heardLately(InfoHash h, Instant now) {
    LinkedHashMap<InetSocketAddress, Instant> peers = heard.get(h);
    if (peers == null) {
      return List.of();
    }
    Duration keep = settings.announceInterval().multipliedBy(2);
    peers.values().removeIf(t -> !now.isBefore(t.plus(keep)));
    return List.copyOf(peers.keySet());
  }

  private static void trim(Iterator<?> oldestFirst, int excess) {
    for (int i = 0; i < excess; i++) {
      oldestFirst.next();
      oldestFirst.remove();
    }
  }
}
