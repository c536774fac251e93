package org.ilptorrent.tracker.client.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.verifier.internal.http.SharedHttpClient;

/**
 * The resources a pool of tracker clients shares: a timer thread, the event thread, an I/O pool,
 * one HTTP client, one UDP socket (opened on first use) and one WebSocket per (tracker URL, peer
 * id). A tracker knows one peer per WebSocket, so clients with different peer ids cannot share one.
 */
public final class Transports implements AutoCloseable {
  private final Settings settings;
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService events;
  private final ExecutorService io;
  private final HttpClient http;
  private final Map<String, WsConnection> sockets = new HashMap<>();
  private final java.util.Set<Runnable> closeHooks = new java.util.LinkedHashSet<>();
  private UdpEndpoint udp;
  private boolean closed;

  public Transports(Settings settings) {
    this.settings = settings;
    this.timer = new ScheduledThreadPoolExecutor(1, Threads.factory("timer"));
    timer.setRemoveOnCancelPolicy(true);
    this.events = Executors.newSingleThreadExecutor(Threads.factory("events"));
    this.io = Executors.newCachedThreadPool(Threads.factory("io"));
    // The process's one HttpClient (HTTP/1.1, no redirects), unless the pool has a TLS context of
    // its own. On Java 17 an HttpClient cannot be closed: one made per pool kept a selector thread
    // after the pool closed, one per WebTorrent. The shared client's settings are the ones trackers
    // need: HTTP/1.1, because HTTP/2 makes the JDK offer an h2c upgrade that a Node tracker sharing
    // its port with a WebSocket server (npm bittorrent-tracker) answers with 400; and no redirects,
    // which would carry the balance id (a secret) wherever the tracker points. Each request is
    // bounded by the request timeout, connect included.
    this.http =
        settings.sslContext() == null
            ? SharedHttpClient.get()
            : HttpClient.newBuilder()
                .sslContext(settings.sslContext())
                .version(HttpClient.Version.HTTP_1_1)
                .executor(io)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
  }

  public Settings settings() {
    return settings;
  }

  public HttpClient http() {
    return http;
  }

  /** The thread that calls listeners. */
  public ExecutorService events() {
    return events;
  }

  /** Threads for blocking work such as name lookups. */
  public ExecutorService io() {
    return io;
  }

  public ScheduledExecutorService timer() {
    return timer;
  }

  /** Runs {@code task} later on the timer thread (never, once closed). */
  public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    return timer.schedule(task, delay, unit);
  }

  /** The shared UDP socket, opened now if needed. */
  public synchronized UdpEndpoint udp() throws IOException {
    if (closed) {
      throw new IOException("the tracker connections are closed");
    }
    if (udp == null) {
      udp = new UdpEndpoint(this);
    }
    return udp;
  }

  /**
   * The WebSocket for {@code tracker} and {@code peerId}, created (not yet connected) if needed.
   */
  public synchronized WsConnection webSocket(URI tracker, PeerId peerId) {
    if (closed) {
      throw new IllegalStateException("the tracker connections are closed");
    }
    return sockets.computeIfAbsent(
        tracker + " " + peerId.toHex(), k -> new WsConnection(tracker, this));
  }

  /** Forgets a WebSocket whose last torrent left. */
  synchronized void forget(WsConnection connection) {
    sockets.values().remove(connection);
  }

  /** How many WebSockets are pooled now. */
  public synchronized int webSocketCount() {
    return sockets.size();
  }

  /** Runs {@code hook} when the pool closes (a client that still uses it ends then). */
  public synchronized void onClose(Runnable hook) {
    closeHooks.add(hook);
  }

  /** Forgets a hook of {@link #onClose}. */
  public synchronized void removeOnClose(Runnable hook) {
    closeHooks.remove(hook);
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    WsConnection[] open;
    UdpEndpoint u;
    Runnable[] hooks;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      hooks = closeHooks.toArray(new Runnable[0]);
      closeHooks.clear();
      open = sockets.values().toArray(new WsConnection[0]);
      sockets.clear();
      u = udp;
    }
    for (Runnable hook : hooks) {
      hook.run();
    }
    for (WsConnection c : open) {
      c.close();
    }
    if (u != null) {
      u.close();
    }
    timer.shutdownNow();
    events.shutdownNow();
    io.shutdownNow();
  }
}
