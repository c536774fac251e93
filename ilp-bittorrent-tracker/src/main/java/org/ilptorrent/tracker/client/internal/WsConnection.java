package org.ilptorrent.tracker.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * The pooled WebSocket to one tracker for one peer id, shared by every torrent that announces
 * there: messages are routed to sessions by {@code info_hash}; after a drop it reconnects with
 * exponential backoff and jitter and every session announces {@code started} again; the socket
 * closes when the last session leaves.
 *
 * <p>Locking: the connection's lock is never held while a session is called, because sessions call
 * {@link #send} under their own lock.
 */
public final class WsConnection {
  private final URI uri;
  private final Transports transports;
  private final Backoff backoff;
  private final Map<String, WsSession> sessions = new LinkedHashMap<>();
  private volatile WsSocket socket;

  /** Counts sockets that opened; -1 while none is open (and until its sessions were told). */
  private volatile long openGeneration = -1;

  private long generations;
  private int failures;
  private ScheduledFuture<?> reconnect;
  private boolean closed;

  WsConnection(URI uri, Transports transports) {
    this.uri = uri;
    this.transports = transports;
    this.backoff =
        new Backoff(
            transports.settings().reconnectMin(),
            transports.settings().reconnectMax(),
            n -> ThreadLocalRandom.current().nextLong(n));
  }

  /** The outcome of {@link #join}. */
  public enum Join {
    JOINED,
    /** Another session of this peer id already announces that torrent here. */
    DUPLICATE,
    /** The connection closed meanwhile: ask the pool for a new one. */
    CLOSED
  }

  /**
   * Adds a torrent's session; connects if this is the first. A session that joins an open socket
   * announces by itself; the others announce when it opens.
   */
  public synchronized Join join(WsSession session) {
    if (closed) {
      return Join.CLOSED;
    }
    String key = WsCodec.binary(session.infoHashBytes());
    if (sessions.containsKey(key)) {
      return Join.DUPLICATE;
    }
    sessions.put(key, session);
    if (socket == null && reconnect == null) {
      connect();
    }
    return Join.JOINED;
  }

  /** Removes a session; the last one out closes the socket. */
  public void leave(WsSession session) {
    boolean last;
    synchronized (this) {
      sessions.values().remove(session);
      last = sessions.isEmpty() && !closed;
    }
    if (last) {
      transports.forget(this);
      close();
    }
  }

  /** Sends a message now; false when the socket is not open (sessions re-announce on connect). */
  public boolean send(String text) {
    WsSocket s = socket;
    if (s == null || !s.isOpen()) {
      return false;
    }
    try {
      s.send(text);
      return true;
    } catch (WebsocketNotConnectedException e) {
      return false;
    }
  }

  /**
   * Which opening of the socket is current, or -1 when it is not open: sessions that announced on
   * an opening are not asked to announce again when it is reported.
   */
  public long openGeneration() {
    WsSocket s = socket;
    return s != null && s.isOpen() ? openGeneration : -1;
  }

  /** Closes the socket and stops reconnecting. */
  public void close() {
    WsSocket s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (reconnect != null) {
        reconnect.cancel(false);
      }
      s = socket;
      socket = null;
      openGeneration = -1;
    }
    if (s != null) {
      s.close();
    }
  }

  private void connect() {
    Settings settings = transports.settings();
    reconnect = null;
    socket =
        new WsSocket(
            uri, this, settings.maxResponseBytes(), (int) settings.connectTimeout().toMillis());
    if (settings.sslContext() != null && "wss".equalsIgnoreCase(uri.getScheme())) {
      // The library still checks the host name against the certificate (HTTPS rules).
      socket.setSocketFactory(settings.sslContext().getSocketFactory());
    }
    socket.connect();
  }

  void opened(WsSocket from) {
    List<WsSession> targets;
    long generation;
    synchronized (this) {
      if (from != socket) {
        return;
      }
      failures = 0;
      generation = ++generations;
      openGeneration = generation;
      targets = new ArrayList<>(sessions.values());
    }
    targets.forEach(s -> s.connected(generation));
  }

  void lost(WsSocket from, int code, String reason) {
    List<WsSession> targets;
    long delay;
    synchronized (this) {
      if (from != socket || closed) {
        return;
      }
      socket = null;
      openGeneration = -1;
      targets = new ArrayList<>(sessions.values());
      delay = backoff.delay(failures++);
      try {
        reconnect =
            transports.schedule(
                () -> {
                  synchronized (WsConnection.this) {
                    if (!closed && socket == null) {
                      connect();
                    }
                  }
                },
                delay,
                TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
    String why = reason == null || reason.isEmpty() ? "code " + code : Text.printable(reason);
    String message = "connection lost (" + why + "); reconnecting in " + delay + " ms";
    targets.forEach(s -> s.disconnected(message));
  }

  void received(WsSocket from, String text) {
    if (from != socket) {
      return;
    }
    JsonNode m = null;
    try {
      // A binary frame (null here) is not a tracker message either.
      m = text == null ? null : WsCodec.JSON.readTree(text);
    } catch (java.io.IOException e) {
      m = null;
    }
    if (m == null || !m.isObject()) {
      warnAll("unreadable message from the tracker");
      return;
    }
    if (m.path("action").asText().equals("scrape") && m.path("files").isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = m.path("files").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> file = it.next();
        WsSession s = session(file.getKey());
        if (s != null) {
          s.scraped(file.getValue());
        }
      }
      return;
    }
    JsonNode hash = m.path("info_hash");
    WsSession s = hash.isTextual() ? session(hash.asText()) : null;
    if (s != null) {
      s.received(m);
    } else if (!hash.isTextual()) {
      String reason = m.path("failure reason").asText("");
      warnAll(
          reason.isEmpty()
              ? "message without info_hash from the tracker"
              : "tracker failure: " + Text.printable(reason));
    }
  }

  private synchronized WsSession session(String binaryInfoHash) {
    return sessions.get(binaryInfoHash);
  }

  private void warnAll(String message) {
    List<WsSession> targets;
    synchronized (this) {
      targets = new ArrayList<>(sessions.values());
    }
    targets.forEach(s -> s.warn(message));
  }
}
