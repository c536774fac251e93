package org.ilptorrent.netty.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP answer: status, headers in order and a body. {@code Content-Length} is added by the
 * server (not for 204 and 304); {@code Content-Type} is sent only with a non-empty body.
 *
 * @param headers name and value pairs, in the order they are sent
 */
public record HttpResponse(int status, String contentType, List<Header> headers, byte[] body) {
  /** One response header. */
  public record Header(String name, String value) {
    /** Checks that neither is null. */
    public Header {
      Objects.requireNonNull(name);
      Objects.requireNonNull(value);
    }
  }

  /** Copies the header list; an absent body is empty. */
  public HttpResponse {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status " + status);
    }
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** An answer with a body of {@code contentType} and no other header. */
  public static HttpResponse of(int status, String contentType, byte[] body) {
    return new HttpResponse(status, contentType, List.of(), body);
  }

  /** A {@code text/plain; charset=utf-8} answer (empty for null). */
  public static HttpResponse text(int status, String text) {
    return of(
        status,
        "text/plain; charset=utf-8",
        text == null ? null : text.getBytes(StandardCharsets.UTF_8));
  }

  /** This answer with one more header. */
  public HttpResponse withHeader(String name, String value) {
    List<Header> more = new ArrayList<>(headers);
    more.add(new Header(name, value));
    return new HttpResponse(status, contentType, more, body);
  }
}
