package org.ilptorrent.tracker.server.internal.net;

import java.util.concurrent.CompletableFuture;
import org.java_websocket.WebSocket;

/** What the front door hands requests and messages to. */
public final class Handlers {
  private Handlers() {}

  /** Serves plain HTTP requests. */
  public interface Http {
    /** The largest body accepted for this request head; 0 when it takes none. */
    long maxBody(HttpRequest head);

    /** Answers a complete request; may complete on any thread. */
    CompletableFuture<HttpResponse> handle(HttpRequest request);
  }

  /** Serves WebSocket connections, called on the connection's I/O thread. */
  public interface WebSocketMessages {
    void onMessage(WebSocket socket, String text);

    void onClose(WebSocket socket);
  }
}
