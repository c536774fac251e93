package org.ilptorrent.tracker.server.internal.net;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTTP/1.x request head (request line and headers) from bytes. Strict about what a tracker
 * needs and bounded: a head that is too long, has too many headers or is malformed is a {@link
 * BadRequest} carrying the status to answer with.
 */
public final class HttpHeadParser {
  /** A request that cannot be served; {@code status} is what to answer. */
  public static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final int maxHeadBytes;
  private final int maxHeaders;

  public HttpHeadParser(int maxHeadBytes, int maxHeaders) {
    this.maxHeadBytes = maxHeadBytes;
    this.maxHeaders = maxHeaders;
  }

  /**
   * Where the head ends in {@code bytes[0, length)}: the index just past the blank line, or -1 when
   * more bytes are needed.
   *
   * @throws BadRequest when no head ends within the size limit
   */
  public int headEnd(byte[] bytes, int length) throws BadRequest {
    int limit = Math.min(length, maxHeadBytes);
    for (int i = 3; i < limit; i++) {
      if (bytes[i] == '\n'
          && bytes[i - 1] == '\r'
          && bytes[i - 2] == '\n'
          && bytes[i - 3] == '\r') {
        return i + 1;
      }
    }
    if (length >= maxHeadBytes) {
      throw new BadRequest(431, "request head too large");
    }
    return -1;
  }

  /**
   * A request parsed from a complete head of {@code headLength} bytes; the body is filled later.
   */
  public HttpRequest parse(byte[] bytes, int headLength, InetSocketAddress remote)
      throws BadRequest {
    String head = new String(bytes, 0, headLength - 4, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n", -1);
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3) {
      throw new BadRequest(400, "malformed request line");
    }
    String method = requestLine[0];
    String target = requestLine[1];
    String version = requestLine[2];
    if (!method.matches("[A-Z]{1,16}")) {
      throw new BadRequest(400, "malformed method");
    }
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new BadRequest(505, "unsupported HTTP version");
    }
    if (!target.startsWith("/")) {
      throw new BadRequest(400, "malformed request target");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new BadRequest(400, "malformed request target");
      }
    }
    if (lines.length - 1 > maxHeaders) {
      throw new BadRequest(431, "too many headers");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new BadRequest(400, "malformed header");
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      if (!name.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
        throw new BadRequest(400, "malformed header");
      }
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).trim());
    }
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? null : target.substring(q + 1);
    return new HttpRequest(method, path, query, version, headers, new byte[0], remote);
  }

  /**
   * The body length a request declares: 0 without a body.
   *
   * @throws BadRequest for chunked bodies, a malformed length or one over {@code maxBody}
   */
  public static long bodyLength(HttpRequest request, long maxBody) throws BadRequest {
    if (request.header("transfer-encoding").isPresent()) {
      throw new BadRequest(411, "send a Content-Length");
    }
    List<String> lengths = request.headers().getOrDefault("content-length", List.of());
    if (lengths.isEmpty()) {
      return 0;
    }
    if (lengths.size() > 1 || !lengths.get(0).matches("[0-9]{1,12}")) {
      throw new BadRequest(400, "malformed Content-Length");
    }
    long length = Long.parseLong(lengths.get(0));
    if (length > maxBody) {
      throw new BadRequest(413, "request body too large");
    }
    return length;
  }
}
