package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP tracker (BEP 15) on one {@link DatagramChannel}, served by one daemon thread that
 * receives, answers and sends in turn. Announces go into the same swarms as HTTP and WebSocket
 * announces; paid torrents are refused, since a UDP announce cannot carry a balance id.
 *
 * <p>Datagrams shorter than the 16-byte header are dropped (there is no transaction id to answer);
 * anything else invalid gets an error datagram with a fixed message and the request's transaction
 * id, and nothing else from the request is echoed.
 */
public final class UdpTracker implements AutoCloseable {
  /** Peers returned when the client asks for the default (num_want -1), as HTTP. */
  static final int DEFAULT_NUMWANT = 50;

  /** The most peers returned to an IPv4 client, as HTTP. */
  static final int MAX_PEERS_IPV4 = WsProtocol.MAX_OFFERS;

  /** The most returned to an IPv6 client: 20 + 67 × 18 bytes fit IPv6's minimum MTU of 1280. */
  static final int MAX_PEERS_IPV6 = 67;

  /** The refusal of a paid torrent's announce. */
  public static final String PAYMENT_REQUIRED = "payment required: use a WebSocket or HTTP tracker";

  private static final Logger LOG = LoggerFactory.getLogger(UdpTracker.class);
  private static final int MAX_DATAGRAM = 2048;
  private static final String[] EVENTS = {"update", "completed", "started", "stopped"};

  private final WsProtocol core;
  private final PaidSwarms paid;
  private final int intervalSeconds;
  private final UdpConnectionIds ids;
  private final DatagramChannel channel;
  private final int port;
  private final Thread thread;

  /**
   * Binds {@code address} (port 0: a free one) and starts serving.
   *
   * @param intervalSeconds the announce interval given to clients
   */
  public UdpTracker(
      InetSocketAddress address, WsProtocol core, PaidSwarms paid, int intervalSeconds, Clock clock)
      throws IOException {
    this.core = core;
    this.paid = paid;
    this.intervalSeconds = intervalSeconds;
    this.ids = new UdpConnectionIds(clock);
    this.channel = DatagramChannel.open();
    try {
      channel.bind(address);
      port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    this.thread = new Thread(this::serve, "ilp-tracker-udp");
    thread.setDaemon(true);
    thread.start();
  }

  /** The bound port (also after {@link #close()}). */
  public int port() {
    return port;
  }

  /** Stops serving and releases the socket; idempotent. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing the UDP tracker", e);
    }
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve() {
    ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
    while (channel.isOpen()) {
      in.clear();
      SocketAddress from;
      try {
        from = channel.receive(in);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.debug("UDP tracker receive failed", e);
        continue;
      }
      in.flip();
      ByteBuffer reply;
      try {
        reply = answer(in, (InetSocketAddress) from);
      } catch (RuntimeException e) {
        LOG.warn("UDP tracker: a request failed", e);
        continue;
      }
      if (reply == null) {
        continue;
      }
      try {
        channel.send(reply, from);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.debug("UDP tracker send failed", e);
      }
    }
  }

  /** The answer to one datagram from {@code client}, or {@code null} for none. */
  private ByteBuffer answer(ByteBuffer datagram, InetSocketAddress client) {
    UdpMessages.Request request;
    try {
      Optional<UdpMessages.Request> parsed = UdpMessages.parse(datagram);
      if (parsed.isEmpty()) {
        return null;
      }
      request = parsed.get();
    } catch (UdpMessages.MalformedRequest e) {
      return UdpMessages.error(e.transactionId(), e.getMessage());
    }
    if (request instanceof UdpMessages.Connect c) {
      return UdpMessages.connected(c.transactionId(), ids.issue(client));
    } else if (request instanceof UdpMessages.Announce a) {
      return ids.isValid(a.connectionId(), client)
          ? announce(a, client)
          : UdpMessages.error(a.transactionId(), "invalid connection id");
    } else {
      UdpMessages.Scrape s = (UdpMessages.Scrape) request;
      return ids.isValid(s.connectionId(), client)
          ? scrape(s)
          : UdpMessages.error(s.transactionId(), "invalid connection id");
    }
  }

  private ByteBuffer announce(UdpMessages.Announce a, InetSocketAddress client) {
    if (a.event() < 0 || a.event() >= EVENTS.length) {
      return UdpMessages.error(a.transactionId(), "invalid event");
    }
    if (a.port() == 0) {
      return UdpMessages.error(a.transactionId(), "invalid port");
    }
    String infoHash = HexFormat.of().formatHex(a.infoHash());
    if (paid.paid(infoHash).isPresent()) {
      return UdpMessages.error(a.transactionId(), PAYMENT_REQUIRED);
    }
    // The answer can only carry peers of the client's own address family (BEP 15).
    boolean ipv6 = client.getAddress() instanceof Inet6Address;
    int familyBytes = ipv6 ? 16 : 4;
    int cap = ipv6 ? MAX_PEERS_IPV6 : MAX_PEERS_IPV4;
    int numwant = a.numWant() < 0 ? DEFAULT_NUMWANT : a.numWant();
    // The ip field is ignored: a peer is always announced at the address it sent from.
    WsProtocol.HttpAnswer answer =
        core.announceByAddress(
            infoHash,
            HexFormat.of().formatHex(a.peerId()),
            client.getAddress().getAddress(),
            a.port(),
            EVENTS[a.event()],
            a.left() == 0,
            Math.min(numwant, cap),
            null);
    if (answer.failure() != null) {
      return UdpMessages.error(a.transactionId(), PAYMENT_REQUIRED);
    }
    List<byte[]> addresses = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < answer.addresses().size(); i++) {
      if (answer.addresses().get(i).length == familyBytes) {
        addresses.add(answer.addresses().get(i));
        ports.add(answer.ports().get(i));
      }
    }
    return UdpMessages.announced(
        a.transactionId(),
        intervalSeconds,
        answer.incomplete(),
        answer.complete(),
        addresses,
        ports);
  }

  private ByteBuffer scrape(UdpMessages.Scrape s) {
    List<int[]> counts = new ArrayList<>();
    for (byte[] infoHash : s.infoHashes()) {
      int[] c = core.counts(HexFormat.of().formatHex(infoHash));
      counts.add(new int[] {c[0], c[2], c[1]});
    }
    return UdpMessages.scraped(s.transactionId(), counts);
  }
}
