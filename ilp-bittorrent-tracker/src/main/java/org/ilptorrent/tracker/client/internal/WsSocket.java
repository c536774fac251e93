package org.ilptorrent.tracker.client.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;

/**
 * One attempt at a WebSocket to a tracker (Java-WebSocket clients cannot be reused), with frames
 * bounded in size; it reports to its {@link WsConnection}.
 */
final class WsSocket extends WebSocketClient {
  private final WsConnection owner;

  WsSocket(URI uri, WsConnection owner, int maxFrameBytes, int connectTimeoutMillis) {
    super(
        uri,
        new Draft_6455(List.of(), List.of(new Protocol("")), maxFrameBytes),
        Map.of(),
        connectTimeoutMillis);
    this.owner = owner;
    setDaemon(true);
  }

  /** Connects on a named daemon thread instead of the library's default one. */
  @Override
  public void connect() {
    Threads.daemon(this, "ws").start();
  }

  @Override
  public void onOpen(ServerHandshake handshake) {
    owner.opened(this);
  }

  @Override
  public void onMessage(String message) {
    owner.received(this, message);
  }

  @Override
  public void onMessage(java.nio.ByteBuffer message) {
    owner.received(this, null);
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    owner.lost(this, code, reason);
  }

  @Override
  public void onError(Exception error) {
    // onClose follows every error that ends the connection; the others change nothing.
  }
}
