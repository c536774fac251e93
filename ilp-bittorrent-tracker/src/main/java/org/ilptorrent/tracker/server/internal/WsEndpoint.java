package org.ilptorrent.tracker.server.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Java-WebSocket's server, wired to {@link WsProtocol}, with frames bounded in size. */
public final class WsEndpoint extends WebSocketServer {
  private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);

  private final WsProtocol protocol;
  private final Runnable onStarted;

  public WsEndpoint(
      InetSocketAddress address, int maxFrameBytes, WsProtocol protocol, Runnable onStarted) {
    super(address, List.of(draft(maxFrameBytes)));
    this.protocol = protocol;
    this.onStarted = onStarted;
    setReuseAddr(true);
    setConnectionLostTimeout(60);
  }

  private static Draft draft(int maxFrameBytes) {
    return new Draft_6455(Collections.emptyList(), List.of(new Protocol("")), maxFrameBytes);
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {}

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    protocol.onClose(conn);
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    try {
      protocol.onMessage(conn, message);
    } catch (RuntimeException e) {
      LOG.warn("tracker message failed: {}", e.toString());
    }
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer message) {
    conn.close(1003, "text frames only");
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    LOG.debug("websocket error: {}", ex.toString());
  }

  @Override
  public void onStart() {
    onStarted.run();
  }

  /**
   * Works around a race in Java-WebSocket 1.6.0 (WebSocketServer.doWrite resetting interest ops): a
   * reply queued from onMessage could wait for the next network event. Nudging connections that
   * still have queued data makes it go out.
   */
  public void flushStalled() {
    for (WebSocket conn : getConnections()) {
      if (conn.hasBufferedData()) {
        onWriteDemand(conn);
      }
    }
  }
}
