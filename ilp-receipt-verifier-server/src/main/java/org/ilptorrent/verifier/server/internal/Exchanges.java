package org.ilptorrent.verifier.server.internal;

import org.ilptorrent.netty.server.HttpRequest;
import org.ilptorrent.netty.server.HttpResponse;

/** Small helpers for the verifier's answers: bounded bodies, text answers, CORS headers. */
public final class Exchanges {
  private Exchanges() {}

  /** The body is larger than allowed. */
  public static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** The body when it has at most {@code limit} bytes, else throws {@link TooLarge}. */
  public static byte[] body(HttpRequest request, int limit) throws TooLarge {
    byte[] data = request.body();
    if (data.length > limit) {
      throw new TooLarge();
    }
    return data;
  }

  /** A plain-text answer (empty for {@code null}). */
  public static HttpResponse text(int status, String body) {
    return cors(HttpResponse.text(status, body));
  }

  /** An answer with {@code body} of {@code contentType}. */
  public static HttpResponse send(int status, String contentType, byte[] body) {
    return cors(HttpResponse.of(status, contentType, body));
  }

  /** Lets browsers on any origin call the API, as @koa/cors does for the npm verifier. */
  public static HttpResponse cors(HttpResponse response) {
    return response.withHeader("Access-Control-Allow-Origin", "*");
  }

  /** Answers a CORS preflight. */
  public static HttpResponse preflight(HttpRequest request) {
    HttpResponse answer =
        HttpResponse.of(204, null, null)
            .withHeader("Access-Control-Allow-Methods", "GET,HEAD,PUT,POST,DELETE,PATCH");
    String asked = request.header("Access-Control-Request-Headers");
    if (asked != null) {
      answer = answer.withHeader("Access-Control-Allow-Headers", asked);
    }
    return cors(answer);
  }

  /**
   * The first 8 characters of a balance id: enough to follow it in logs, not enough to spend it.
   */
  public static String redact(String balanceId) {
    return balanceId.length() <= 8 ? "****" : balanceId.substring(0, 8) + "…";
  }
}
