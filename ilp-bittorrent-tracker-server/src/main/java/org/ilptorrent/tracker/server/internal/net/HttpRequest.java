package org.ilptorrent.tracker.server.internal.net;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 request as read by the front door: method, target split into raw path and raw query,
 * headers with lower-case names, and the body.
 */
public record HttpRequest(
    String method,
    String rawPath,
    String rawQuery,
    String version,
    Map<String, List<String>> headers,
    byte[] body,
    InetSocketAddress remote) {
  public HttpRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Whether the connection stays open after the answer (HTTP/1.1 unless told otherwise). */
  public boolean keepAlive() {
    String connection = header("connection").orElse("").toLowerCase(Locale.ROOT);
    if (version.equals("HTTP/1.0")) {
      return connection.contains("keep-alive");
    }
    return !connection.contains("close");
  }

  /** Whether this is a WebSocket upgrade request (RFC 6455 section 4.2.1). */
  public boolean isWebSocketUpgrade() {
    return method.equals("GET")
        && header("upgrade").map(u -> u.equalsIgnoreCase("websocket")).orElse(false);
  }
}
