package org.ilptorrent.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ilptorrent.discovery.internal.LsdEndpoint;

/**
 * A local service discovery endpoint (BEP 14): finds peers of public torrents on the local network
 * by multicast {@code BT-SEARCH} announces. One endpoint serves every {@link Discovery} of an
 * application; give it to each with {@link Discovery.Builder#lsd}. Private torrents never use it.
 *
 * <p><b>Off unless asked for.</b> Nothing in this library opens an LSD socket by itself: an
 * application that wants LSD starts one endpoint and passes it on. Starting it binds the socket,
 * joins the group (when the group is a multicast address) and starts two daemon threads, {@code
 * ilp-discovery-lsd-N} (reader) and {@code ilp-discovery-lsd-timer-N} (announces).
 *
 * <p>Each registered torrent is announced when its discovery starts and then every {@link
 * Builder#announceInterval announce interval}, never more than once a minute. Incoming datagrams
 * are bounded in size, rate and number of info hashes; anything unreadable is ignored, with at most
 * one {@code "lsd"} warning a minute to the registered torrents. The endpoint's own announces
 * (recognised by their random {@code cookie}) are ignored. A peer's address is the datagram's
 * source address with the announced {@code Port}.
 *
 * <pre>{@code
 * try (LocalServiceDiscovery lsd = LocalServiceDiscovery.builder().start()) {
 *   Discovery d = Discovery.builder().infoHash(infoHash).port(6881).lsd(lsd)...build();
 * }
 * }</pre>
 */
public final class LocalServiceDiscovery implements AutoCloseable {
  /** BEP 14's IPv4 group, {@code 239.192.152.143:6771}. */
  public static final InetSocketAddress IPV4_GROUP =
      new InetSocketAddress(literal("239.192.152.143"), 6771);

  /** BEP 14's IPv6 group, {@code [ff15::efc0:988f]:6771}. */
  public static final InetSocketAddress IPV6_GROUP =
      new InetSocketAddress(literal("ff15::efc0:988f"), 6771);

  private final LsdEndpoint endpoint;

  private LocalServiceDiscovery(LsdEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** A builder with the defaults of the options table in the README. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address the endpoint receives on (its port when it was bound to port 0). */
  public InetSocketAddress localAddress() {
    return endpoint.localAddress();
  }

  /** How many torrents are registered now (started public discoveries). */
  public int torrentCount() {
    return endpoint.torrentCount();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return endpoint.isClosed();
  }

  LsdEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Closes the socket and stops both threads; discoveries using it carry on without LSD.
   * Idempotent.
   */
  @Override
  public void close() {
    endpoint.close();
  }

  private static java.net.InetAddress literal(String ip) {
    try {
      return java.net.InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Settings of a {@link LocalServiceDiscovery}; every value has a default. */
  public static final class Builder {
    private InetSocketAddress group = IPV4_GROUP;
    private InetSocketAddress bind;
    private List<InetSocketAddress> targets;
    private NetworkInterface networkInterface;
    private Duration announceInterval = Duration.ofMinutes(5);
    private int maxDatagramBytes = 1400;
    private int maxInfoHashes = 16;
    private int maxDatagramsPerSecond = 50;
    private Clock clock = Clock.systemUTC();

    Builder() {}

    /**
     * The group: {@link #IPV4_GROUP} by default. It names the {@code Host} header, the default bind
     * port and the default target, and is joined when it is a multicast address; a unicast address
     * (such as {@code 127.0.0.1:P} in tests) is simply bound.
     */
    public Builder group(InetSocketAddress group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /** The interface to join the group on and send from; the system's choice by default. */
    public Builder networkInterface(NetworkInterface networkInterface) {
      this.networkInterface = networkInterface;
      return this;
    }

    /**
     * Where to receive: by default the group's port on the wildcard address for a multicast group,
     * the group address itself for a unicast one.
     */
    public Builder bind(InetSocketAddress bind) {
      this.bind = bind;
      return this;
    }

    /** Where announces go: the group by default. */
    public Builder targets(List<InetSocketAddress> targets) {
      this.targets = List.copyOf(targets);
      return this;
    }

    /** How often each torrent is announced: 5 minutes; at least one (BEP 14). */
    public Builder announceInterval(Duration interval) {
      this.announceInterval = interval;
      return this;
    }

    /** Longer datagrams are ignored: 1,400 bytes (256..65,507). */
    public Builder maxDatagramBytes(int bytes) {
      this.maxDatagramBytes = bytes;
      return this;
    }

    /** Datagrams announcing more torrents are ignored: 16 (1..256). */
    public Builder maxInfoHashes(int count) {
      this.maxInfoHashes = count;
      return this;
    }

    /** Datagrams beyond this many a second (with as many saved up) are dropped unread: 50. */
    public Builder maxDatagramsPerSecond(int count) {
      this.maxDatagramsPerSecond = count;
      return this;
    }

    /** The clock for the announce schedule, remembered peers and warnings: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Binds the socket, joins the group if it is multicast, and starts the threads.
     *
     * @throws IllegalArgumentException when a setting is out of range
     * @throws IOException when the socket cannot be bound or the group joined
     */
    public LocalServiceDiscovery start() throws IOException {
      LsdEndpoint.Settings settings =
          new LsdEndpoint.Settings(
              group,
              Optional.ofNullable(bind),
              targets == null ? List.of(group) : targets,
              Optional.ofNullable(networkInterface),
              announceInterval,
              maxDatagramBytes,
              maxInfoHashes,
              maxDatagramsPerSecond,
              clock);
      return new LocalServiceDiscovery(LsdEndpoint.open(settings));
    }
  }
}
