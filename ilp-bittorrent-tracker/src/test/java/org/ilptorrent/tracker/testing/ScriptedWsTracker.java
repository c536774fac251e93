package org.ilptorrent.tracker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server for tests that counts connections and answers each message with what the
 * test's script returns (a list of frames to send back), so that tests can play a well-behaved or a
 * hostile tracker.
 */
public final class ScriptedWsTracker extends WebSocketServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final AtomicInteger opened = new AtomicInteger();
  public final AtomicInteger closedConnections = new AtomicInteger();
  public final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final BiFunction<WebSocket, JsonNode, List<String>> script;
  private final CountDownLatch started = new CountDownLatch(1);

  private final boolean tls;

  public ScriptedWsTracker(BiFunction<WebSocket, JsonNode, List<String>> script) throws Exception {
    this(script, null);
  }

  /** Over TLS ({@code wss}) when {@code tls} is not null. */
  public ScriptedWsTracker(
      BiFunction<WebSocket, JsonNode, List<String>> script, javax.net.ssl.SSLContext tls)
      throws Exception {
    super(
        new InetSocketAddress("127.0.0.1", 0),
        List.of(new Draft_6455(List.of(), List.of(new Protocol("")), 16 * 1024 * 1024)));
    this.script = script;
    this.tls = tls != null;
    if (tls != null) {
      setWebSocketFactory(new org.java_websocket.server.DefaultSSLWebSocketServerFactory(tls));
    }
    setReuseAddr(true);
    start();
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the scripted tracker did not start");
    }
  }

  /** An answer like the tracker's to an announce: counts and a 120 s interval. */
  public static String announced(JsonNode request, int complete, int incomplete) {
    return JSON.createObjectNode()
        .put("complete", complete)
        .put("incomplete", incomplete)
        .put("action", "announce")
        .put("info_hash", request.path("info_hash").asText())
        .put("interval", 120)
        .toString();
  }

  public URI uri() {
    return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + getPort());
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    opened.incrementAndGet();
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    closedConnections.incrementAndGet();
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    JsonNode m;
    try {
      m = JSON.readTree(message);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    received.add(m);
    for (String reply : script.apply(conn, m)) {
      conn.send(reply);
    }
    // Java-WebSocket 1.6.0 can leave a reply queued until the next network event.
    onWriteDemand(conn);
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  @Override
  public void onStart() {
    started.countDown();
  }

  @Override
  public void close() throws InterruptedException {
    stop(1000);
  }
}
