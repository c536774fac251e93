package org.ilptorrent.discovery.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ilptorrent.discovery.internal.LsdAnnounceSchedule.Torrent;
import org.ilptorrent.magnet.InfoHash;

/**
 * BEP 14 for every torrent registered on it: an {@link LsdSocket} (the socket and its reader), an
 * {@link LsdAnnounceSchedule} (when each torrent is announced, on a timer thread) and an {@link
 * LsdPeerCache} (peers heard for torrents nobody has registered yet), joined by the registrations:
 * each announced peer goes to the torrents registered for its info hash, and a torrent that
 * registers learns at once the peers heard lately.
 */
public final class LsdEndpoint implements AutoCloseable {
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
      if (announceInterval == null
          || announceInterval.compareTo(LsdAnnounceSchedule.MIN_ANNOUNCE_INTERVAL) < 0) {
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

  private final Settings settings;
  private final LsdPeerCache heard;
  private final LsdAnnounceSchedule schedule;
  private final Map<InfoHash, List<Registration>> registrations = new HashMap<>();
  private LsdSocket socket;
  private boolean closed;

  private LsdEndpoint(Settings settings) {
    this.settings = settings;
    this.heard = new LsdPeerCache(settings.announceInterval().multipliedBy(2));
    this.schedule =
        new LsdAnnounceSchedule(settings.announceInterval(), settings.clock(), this::announce);
  }

  /**
   * Opens the socket (joining the group when it is a multicast address) and starts the threads.
   *
   * @throws IOException when the socket cannot be bound or the group joined
   */
  public static LsdEndpoint open(Settings settings) throws IOException {
    LsdEndpoint endpoint = new LsdEndpoint(settings);
    try {
      endpoint.socket = LsdSocket.open(settings, endpoint.new Inbox());
    } catch (IOException | RuntimeException e) {
      endpoint.schedule.close();
      throw e;
    }
    return endpoint;
  }

  /** The address the socket receives on. */
  public InetSocketAddress localAddress() {
    return socket.localAddress();
  }

  /** The cookie this endpoint sends, by which it recognises its own announces. */
  public String cookie() {
    return socket.cookie();
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
    Registration r = new Registration(new Torrent(infoHash, port), subscriber);
    List<InetSocketAddress> known;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the local service discovery endpoint is closed");
      }
      registrations.computeIfAbsent(infoHash, k -> new ArrayList<>()).add(r);
      schedule.add(r.torrent);
      known = heard.heardLately(infoHash, settings.clock().instant());
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
    }
    schedule.close();
    socket.close();
  }

  /** One torrent's place on the endpoint; closing it stops announcing and routing. */
  public final class Registration implements AutoCloseable {
    private final Torrent torrent;
    private final Subscriber subscriber;

    private Registration(Torrent torrent, Subscriber subscriber) {
      this.torrent = torrent;
      this.subscriber = subscriber;
    }

    /** Unregisters; idempotent. */
    @Override
    public void close() {
      synchronized (LsdEndpoint.this) {
        List<Registration> list = registrations.get(torrent.infoHash());
        if (list == null || !list.remove(this)) {
          return;
        }
        if (list.isEmpty()) {
          registrations.remove(torrent.infoHash());
        }
        if (list.stream().noneMatch(other -> other.torrent.equals(torrent))) {
          schedule.remove(torrent);
        }
      }
    }
  }

  private void announce(Torrent t) {
    socket.announce(
        t.infoHash(),
        t.port(),
        warning -> subscribers(t.infoHash()).forEach(s -> s.onWarning(warning)));
  }

  private synchronized List<Subscriber> subscribers(InfoHash h) {
    return registrations.getOrDefault(h, List.of()).stream().map(r -> r.subscriber).toList();
  }

  /** What the socket heard, routed to the registered torrents. */
  private final class Inbox implements LsdSocket.Inbox {
    @Override
    public void onAnnounce(InetSocketAddress peer, List<InfoHash> infoHashes) {
      List<Subscriber> to = new ArrayList<>();
      synchronized (LsdEndpoint.this) {
        Instant now = settings.clock().instant();
        for (InfoHash h : infoHashes) {
          heard.remember(h, peer, now);
          for (Registration r : registrations.getOrDefault(h, List.of())) {
            to.add(r.subscriber);
          }
        }
      }
      for (Subscriber s : to) {
        s.onPeer(peer);
      }
    }

    @Override
    public void onWarning(String message) {
      Set<Subscriber> all = new LinkedHashSet<>();
      synchronized (LsdEndpoint.this) {
        registrations.values().forEach(list -> list.forEach(r -> all.add(r.subscriber)));
      }
      all.forEach(s -> s.onWarning(message));
    }
  }
}
