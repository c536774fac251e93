package org.ilptorrent.tracker.client.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket for every UDP tracker of a pool (BEP 15): requests are matched to replies by
 * transaction id and source address (anything else is ignored), sent again after 15·2ⁿ seconds (the
 * base is configurable) up to a retry cap, and connection ids are reused for a minute.
 */
public final class UdpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);
  private static final Duration CONNECTION_ID_LIFETIME = Duration.ofMinutes(1);
  private static final int MAX_DATAGRAM = 65_507;

  private record Pending(InetSocketAddress to, CompletableFuture<byte[]> reply) {}

  private record ConnectionId(long id, Instant obtained) {}

  private final Transports transports;
  private final DatagramSocket socket;
  private final Thread receiver;
  private final SecureRandom random = new SecureRandom();
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, ConnectionId> connectionIds = new ConcurrentHashMap<>();
  private volatile boolean closed;

  UdpEndpoint(Transports transports) throws SocketException {
    this.transports = transports;
    this.socket = new DatagramSocket(0);
    this.receiver = Threads.daemon(this::receive, "udp");
    receiver.start();
  }

  /** A connection id for {@code tracker}: the one obtained less than a minute ago, or a new one. */
  public CompletableFuture<Long> connectionId(InetSocketAddress tracker) {
    ConnectionId known = connectionIds.get(tracker);
    Instant now = transports.settings().clock().instant();
    if (known != null && now.isBefore(known.obtained().plus(CONNECTION_ID_LIFETIME))) {
      return CompletableFuture.completedFuture(known.id());
    }
    return exchange(tracker, UdpCodec::connect)
        .thenApply(
            reply -> {
              long id = UdpCodec.connectionId(reply);
              connectionIds.put(tracker, new ConnectionId(id, now));
              return id;
            });
  }

  /** Whether a connection id for {@code tracker} is cached and still fresh. */
  public boolean hasConnectionId(InetSocketAddress tracker) {
    ConnectionId known = connectionIds.get(tracker);
    return known != null
        && transports
            .settings()
            .clock()
            .instant()
            .isBefore(known.obtained().plus(CONNECTION_ID_LIFETIME));
  }

  /** Forgets the connection id of a tracker that answered with an error. */
  public void forget(InetSocketAddress tracker) {
    connectionIds.remove(tracker);
  }

  /**
   * Sends the request that {@code request} builds for a fresh transaction id, again after each
   * timeout, and completes with the first reply of at least 8 bytes with that id from {@code to}.
   */
  public CompletableFuture<byte[]> exchange(InetSocketAddress to, IntFunction<byte[]> request) {
    return exchange(to, request, transports.settings().udpRetries());
  }

  /** Like {@link #exchange(InetSocketAddress, IntFunction)} with its own retry cap. */
  public CompletableFuture<byte[]> exchange(
      InetSocketAddress to, IntFunction<byte[]> request, int retries) {
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    if (closed) {
      reply.completeExceptionally(new IOException("the UDP socket is closed"));
      return reply;
    }
    int tx;
    do {
      tx = random.nextInt();
    } while (pending.putIfAbsent(tx, new Pending(to, reply)) != null);
    int id = tx;
    reply.whenComplete((r, e) -> pending.remove(id));
    attempt(to, request.apply(id), reply, 0, retries);
    return reply;
  }

  private void attempt(
      InetSocketAddress to, byte[] bytes, CompletableFuture<byte[]> reply, int n, int retries) {
    if (reply.isDone()) {
      return;
    }
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, to));
    } catch (IOException e) {
      reply.completeExceptionally(e);
      return;
    }
    Settings s = transports.settings();
    long timeout = s.udpTimeout().toMillis() << n;
    try {
      transports.schedule(
          () -> {
            if (n >= retries) {
              reply.completeExceptionally(new IOException("no answer after " + (n + 1) + " tries"));
            } else {
              attempt(to, bytes, reply, n + 1, retries);
            }
          },
          timeout,
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      reply.completeExceptionally(new IOException("the tracker connections are closed"));
    }
  }

  private void receive() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (closed || socket.isClosed()) {
          return;
        }
        LOG.debug("UDP receive failed: {}", e.toString());
        continue;
      }
      if (packet.getLength() < 8) {
        continue; // BEP 15: too short to be a reply to anything
      }
      byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
      Pending p = pending.get(UdpCodec.transactionId(data));
      if (p != null && p.to().equals(packet.getSocketAddress())) {
        p.reply().complete(data);
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    socket.close();
    IOException gone = new IOException("the UDP socket is closed");
    pending.values().forEach(p -> p.reply().completeExceptionally(gone));
  }
}
