package org.ilptorrent.netty.server;

/**
 * Serves the WebSocket connections of a {@link NettyHttpServer}: a {@code GET} with {@code Upgrade:
 * websocket} on any path is upgraded (RFC 6455), and its text messages come here. Every method is
 * called on the connection's event loop, one at a time per connection, and must not block.
 */
public interface WebSocketService {
  /** A connection finished its handshake. */
  default void onOpen(WebSocketSession session) {}

  /** A whole text message (continuation frames joined), at most the server's frame limit. */
  void onText(WebSocketSession session, String text);

  /** The connection is closed, whoever closed it; called once, after {@link #onOpen}. */
  void onClose(WebSocketSession session);
}
