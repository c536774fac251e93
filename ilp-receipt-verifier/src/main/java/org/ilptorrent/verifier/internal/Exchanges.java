package org.ilptorrent.verifier.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers over {@link HttpExchange}: bounded bodies, text answers, CORS headers. */
public final class Exchanges {
  private Exchanges() {}

  /** The body is larger than allowed. */
  public static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** Reads at most {@code limit} bytes of body, or throws {@link TooLarge}. */
  public static byte[] body(HttpExchange exchange, int limit) throws IOException, TooLarge {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > limit) {
          throw new TooLarge();
        }
      } catch (NumberFormatException e) {
        throw new TooLarge();
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] data = in.readNBytes(limit + 1);
      if (data.length > limit) {
        throw new TooLarge();
      }
      return data;
    }
  }

  /** Answers with a plain-text body (empty for {@code null}). */
  public static void text(HttpExchange exchange, int status, String body) throws IOException {
    send(
        exchange,
        status,
        "text/plain; charset=utf-8",
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with {@code body} of {@code contentType}. */
  public static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    cors(exchange);
    if (contentType != null && body.length > 0) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    if (body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** Lets browsers on any origin call the API, as @koa/cors does for the npm verifier. */
  public static void cors(HttpExchange exchange) {
    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
  }

  /** Answers a CORS preflight. */
  public static void preflight(HttpExchange exchange) throws IOException {
    exchange
        .getResponseHeaders()
        .set("Access-Control-Allow-Methods", "GET,HEAD,PUT,POST,DELETE,PATCH");
    String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
    if (asked != null) {
      exchange.getResponseHeaders().set("Access-Control-Allow-Headers", asked);
    }
    send(exchange, 204, null, new byte[0]);
  }

  /**
   * The first 8 characters of a balance id: enough to follow it in logs, not enough to spend it.
   */
  public static String redact(String balanceId) {
    return balanceId.length() <= 8 ? "****" : balanceId.substring(0, 8) + "…";
  }
}
