package org.ilptorrent.tracker.client.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Announces and scrapes over UDP (BEP 15) through the pool's UDP socket. */
public final class UdpSession extends TrackerSession {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** BEP 15's {@code key}: lets the tracker recognise us when our address changes. */
  private final int key = RANDOM.nextInt();

  public UdpSession(URI tracker, ClientContext context) {
    super(tracker, context);
  }

  @Override
  protected void send(AnnounceRequest request) {
    announce(request, context.transports().settings().udpRetries())
        .whenComplete(
            (reply, error) -> {
              if (error == null) {
                accepted(reply.interval(), null, reply.complete(), reply.incomplete());
                reply.peers().forEach(p -> context.events().peer(p, tracker));
              } else {
                Throwable e = unwrap(error);
                failed(describe(e), e instanceof IOException);
              }
            });
  }

  @Override
  protected CompletableFuture<Void> sendStopped(AnnounceRequest request) {
    // Sent once: a peer that leaves should not wait minutes for a tracker that does not answer.
    return announce(request, 0).thenApply(r -> null);
  }

  @Override
  public void scrape() {
    byte[] hash = context.infoHash().toBytes();
    resolve()
        .thenCompose(
            address ->
                endpoint()
                    .connectionId(address)
                    .thenCompose(
                        id -> endpoint().exchange(address, tx -> UdpCodec.scrape(id, tx, hash)))
                    .thenApply(
                        reply -> {
                          try {
                            return UdpCodec.scraped(reply);
                          } catch (IllegalArgumentException e) {
                            endpoint().forget(address);
                            throw e;
                          }
                        }))
        .whenComplete(
            (c, error) -> {
              if (error == null) {
                context.events().scrape(tracker, c.complete(), c.incomplete(), c.downloaded());
              } else {
                context.events().warning(tracker, "scrape failed: " + describe(unwrap(error)));
              }
            });
  }

  private CompletableFuture<AnnounceReply.Accepted> announce(AnnounceRequest request, int retries) {
    return resolve().thenCompose(address -> announce(address, request, retries, true));
  }

  /**
   * Announces with the cached connection id or a new one. An error reply to a cached id (the
   * tracker restarted, or forgot it early) is tried once more with a fresh id before it counts.
   */
  private CompletableFuture<AnnounceReply.Accepted> announce(
      InetSocketAddress address, AnnounceRequest request, int retries, boolean mayReconnect) {
    String urlData = UdpCodec.urlData(tracker.getRawPath(), tracker.getRawQuery(), request);
    boolean cached = endpoint().hasConnectionId(address);
    return endpoint()
        .connectionId(address)
        .thenCompose(
            id ->
                endpoint()
                    .exchange(
                        address, tx -> UdpCodec.announce(id, tx, request, key, urlData), retries))
        .thenApply(reply -> UdpCodec.announced(reply, address.getAddress() instanceof Inet6Address))
        .exceptionallyCompose(
            error -> {
              Throwable e = unwrap(error);
              if (!(e instanceof IllegalArgumentException)) {
                return CompletableFuture.failedFuture(e);
              }
              endpoint().forget(address);
              return mayReconnect && cached && e instanceof UdpTrackerRefusal
                  ? announce(address, request, retries, false)
                  : CompletableFuture.failedFuture(e);
            });
  }

  private UdpEndpoint endpoint() {
    try {
      return context.transports().udp();
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  private CompletableFuture<InetSocketAddress> resolve() {
    String host = tracker.getHost();
    int port = tracker.getPort();
    if (host == null || port < 1) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("a UDP tracker URL needs a host and a port"));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
          } catch (UnknownHostException e) {
            throw new CompletionException(new IOException("unknown host " + host, e));
          }
        },
        context.transports().io());
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static String describe(Throwable e) {
    if (e instanceof IOException) {
      return "unreachable: " + Text.describe(e);
    }
    return Text.describe(e);
  }
}
