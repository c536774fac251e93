package org.ilptorrent.netty.server;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.net.URI;

/** A whole HTTP request as a handler sees it: head, bounded body and the peer's address. */
public final class HttpRequest {
  private final String method;
  private final String uri;
  private final HttpHeaders headers;
  private final byte[] body;
  private final InetSocketAddress remote;

  HttpRequest(
      String method, String uri, HttpHeaders headers, byte[] body, InetSocketAddress remote) {
    this.method = method;
    this.uri = uri;
    this.headers = headers;
    this.body = body;
    this.remote = remote;
  }

  /** The method, such as {@code GET}. */
  public String method() {
    return method;
  }

  /** The request target as sent, such as {@code /balances/x:spend?a=b}. */
  public String uri() {
    return uri;
  }

  /**
   * The raw (still percent-encoded) path of the request target, without query or fragment; an
   * absolute-form target ({@code http://host/path}) gives its path. Empty for a target that is not
   * a URI.
   */
  public String rawPath() {
    String target = uri;
    if (!target.startsWith("/")) {
      try {
        String path = URI.create(target).getRawPath();
        return path == null ? "" : path;
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    int end = target.length();
    int q = target.indexOf('?');
    if (q >= 0) {
      end = q;
    }
    int f = target.indexOf('#');
    if (f >= 0 && f < end) {
      end = f;
    }
    return target.substring(0, end);
  }

  /**
   * The raw (still percent-encoded) query of an origin-form request target, without the {@code ?}
   * and any fragment; null when the target has none.
   */
  public String rawQuery() {
    int q = uri.indexOf('?');
    if (q < 0) {
      return null;
    }
    int f = uri.indexOf('#', q);
    return uri.substring(q + 1, f < 0 ? uri.length() : f);
  }

  /** The first value of a header (names are case-insensitive), or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body (at most the server's body limit). */
  public byte[] body() {
    return body;
  }

  /** The peer's address. */
  public InetSocketAddress remoteAddress() {
    return remote;
  }
}
