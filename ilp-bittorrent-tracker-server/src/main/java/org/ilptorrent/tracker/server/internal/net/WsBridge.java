package org.ilptorrent.tracker.server.internal.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.Handshakedata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Java-WebSocket's callbacks for the front door's connections. */
final class WsBridge extends WebSocketAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(WsBridge.class);
  private final Handlers.WebSocketMessages messages;

  WsBridge(Handlers.WebSocketMessages messages) {
    this.messages = messages;
  }

  private static FrontConnection of(WebSocket socket) {
    return socket.getAttachment();
  }

  @Override
  public void onWebsocketMessage(WebSocket socket, String message) {
    try {
      messages.onMessage(socket, message);
    } catch (RuntimeException e) {
      LOG.warn("tracker message failed: {}", e.toString());
    }
  }

  @Override
  public void onWebsocketMessage(WebSocket socket, ByteBuffer blob) {
    socket.close(CloseFrame.REFUSE, "text frames only");
  }

  @Override
  public void onWebsocketOpen(WebSocket socket, Handshakedata handshake) {}

  @Override
  public void onWebsocketClose(WebSocket socket, int code, String reason, boolean remote) {
    try {
      messages.onClose(socket);
    } finally {
      of(socket).closedByEngine();
    }
  }

  @Override
  public void onWebsocketClosing(WebSocket socket, int code, String reason, boolean remote) {}

  @Override
  public void onWebsocketCloseInitiated(WebSocket socket, int code, String reason) {}

  @Override
  public void onWebsocketError(WebSocket socket, Exception ex) {
    LOG.debug("websocket error: {}", ex.toString());
  }

  @Override
  public void onWriteDemand(WebSocket socket) {
    FrontConnection c = of(socket);
    c.loop.requestFlush(c);
  }

  @Override
  public InetSocketAddress getLocalSocketAddress(WebSocket socket) {
    return of(socket).local;
  }

  @Override
  public InetSocketAddress getRemoteSocketAddress(WebSocket socket) {
    return of(socket).remote;
  }
}
