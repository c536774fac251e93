package org.ilptorrent.netty.server;

import java.nio.charset.StandardCharsets;

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

  /**
   * A whole text message as its UTF-8 bytes, {@code utf8[0..length)}, already checked to be valid
   * UTF-8. The array is the loop's scratch buffer: it is overwritten after this returns, so keep
   * nothing of it. The server calls this form; by default it decodes the bytes and calls {@link
   * #onText(WebSocketSession, String)}. A service that reads the bytes itself overrides it and
   * saves decoding every message into a string.
   */
  default void onText(WebSocketSession session, byte[] utf8, int length) {
    onText(session, new String(utf8, 0, length, StandardCharsets.UTF_8));
  }

  /** The connection is closed, whoever closed it; called once, after {@link #onOpen}. */
  void onClose(WebSocketSession session);
}
