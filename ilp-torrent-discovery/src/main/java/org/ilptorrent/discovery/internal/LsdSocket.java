package org.ilptorrent.discovery.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire side of BEP 14: one UDP socket (joined to the group when it is a multicast address) and
 * its reader thread. Sends announces with this socket's random {@code cookie}; reads others'
 * announces within a datagram budget, ignores unreadable ones (with a throttled warning) and its
 * own (by cookie), and hands each announced peer to its {@link Inbox}.
 */
public final class LsdSocket implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LsdSocket.class);
  private static final Duration WARNING_PERIOD = Duration.ofMinutes(1);

  /** Where the reader thread delivers what it heard. */
  public interface Inbox {
    /** A peer (the datagram's source address with the announced port) announced these torrents. */
    void onAnnounce(InetSocketAddress peer, List<InfoHash> infoHashes);

    /** Datagrams were dropped or unreadable; throttled to one a minute per kind. */
    void onWarning(String message);
  }

  private final LsdEndpoint.Settings settings;
  private final DatagramSocket socket;
  private final Inbox inbox;
  private final String cookie;
  private final String hostHeader;
  private final RateLimiter budget;
  private final WarningThrottle badDatagrams;
  private final WarningThrottle overBudget;
  private final Thread reader;
  private volatile boolean closed;

  private LsdSocket(LsdEndpoint.Settings settings, DatagramSocket socket, Inbox inbox) {
    this.settings = settings;
    this.socket = socket;
    this.inbox = inbox;
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
    this.reader = DaemonThreads.thread(this::readLoop, "lsd");
  }

  /**
   * Binds the socket (joining the group when it is a multicast address) and starts the reader.
   *
   * @throws IOException when the socket cannot be bound or the group joined
   */
  public static LsdSocket open(LsdEndpoint.Settings settings, Inbox inbox) throws IOException {
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
    LsdSocket s = new LsdSocket(settings, socket, inbox);
    s.reader.start();
    return s;
  }

  /** The address the socket receives on. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** The cookie this socket sends, by which it recognises its own announces. */
  public String cookie() {
    return cookie;
  }

  /**
   * Announces one torrent to every target; {@code warn} hears each target that could not be sent to
   * (nothing once closed).
   */
  public void announce(InfoHash infoHash, int port, Consumer<String> warn) {
    // One torrent per datagram: several Infohash lines are allowed, but some peers read only the
    // first, and once a minute per torrent is little traffic.
    byte[] bytes =
        new LsdMessage(Optional.of(hostHeader), port, List.of(infoHash), Optional.of(cookie))
            .encode();
    for (InetSocketAddress target : settings.targets()) {
      try {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
      } catch (IOException e) {
        if (closed) {
          return;
        }
        LOG.debug("LSD announce to {} failed", target, e);
        warn.accept("could not send the LSD announce to " + target + ": " + e.getMessage());
      }
    }
  }

  /** Closes the socket and waits (up to 5 s) for the reader to end. Idempotent. */
  @Override
  public void close() {
    closed = true;
    socket.close();
    if (Thread.currentThread() != reader) {
      try {
        reader.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void readLoop() {
    byte[] buffer = new byte[settings.maxDatagramBytes() + 1];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!closed) {
      packet.setLength(buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (closed) {
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
          .ifPresent(this::warn);
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
          .ifPresent(this::warn);
      return;
    }
    if (message.cookie().filter(cookie::equals).isPresent()) {
      return;
    }
    InetSocketAddress peer = new InetSocketAddress(packet.getAddress(), message.port());
    if (PeerAddresses.usable(peer)) {
      inbox.onAnnounce(peer, message.infoHashes());
    }
  }

  private void warn(String message) {
    LOG.debug("{}", message);
    inbox.onWarning(message);
  }
}
