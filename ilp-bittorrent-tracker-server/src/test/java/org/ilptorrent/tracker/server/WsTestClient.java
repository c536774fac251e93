package org.ilptorrent.tracker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A WebSocket peer for tests: sends JSON, collects what the tracker sends back. */
final class WsTestClient extends WebSocketClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  volatile int closeCode = -1;

  WsTestClient(URI uri) throws InterruptedException {
    super(uri);
    if (!connectBlocking(10, TimeUnit.SECONDS)) {
      throw new AssertionError("could not connect to " + uri);
    }
  }

  /** A 20-character binary string (one char per byte) made of {@code c}. */
  static String id(char c) {
    return String.valueOf(c).repeat(20);
  }

  void sendJson(String json) {
    send(json);
  }

  /** The next message, or an AssertionError after 10 s. */
  JsonNode next() throws InterruptedException {
    JsonNode m = received.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message from the tracker");
    }
    return m;
  }

  /** The next message if one comes within {@code millis}. */
  JsonNode poll(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpen(ServerHandshake handshake) {}

  @Override
  public void onMessage(String message) {
    try {
      received.add(JSON.readTree(message));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    closeCode = code;
  }

  @Override
  public void onError(Exception ex) {}
}
