package org.ilptorrent.webtorrent.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x request head (RFC 9112) from a stream, within limits: at most {@link
 * #MAX_HEAD_BYTES} bytes and {@link #MAX_FIELDS} fields. Lines end in CRLF (a bare LF is accepted,
 * as most servers do); a bare CR, a control character in a field, an obsolete line folding, a field
 * name that is not a token or a request line that is not {@code METHOD SP target SP HTTP/d.d} is a
 * 400; a version other than 1.0 and 1.1 is a 505.
 */
public final class RequestHeadReader {
  /** The largest head read: request line and fields with their line ends. */
  public static final int MAX_HEAD_BYTES = 16 * 1024;

  /** The most header fields read. */
  public static final int MAX_FIELDS = 100;

  /** Empty lines tolerated before a request line (RFC 9112 §2.2). */
  private static final int MAX_LEADING_EMPTY_LINES = 4;

  private final InputStream in;
  private final long timeLimitNanos;
  private long deadline;
  private int used;

  private RequestHeadReader(InputStream in, long timeLimitNanos) {
    this.in = in;
    this.timeLimitNanos = timeLimitNanos;
  }

  /**
   * Reads the next request head from {@code in} (which should be buffered), which must arrive
   * within {@code timeLimit} of its first byte (a client that drips a head byte by byte gets 408).
   *
   * @return the head, or {@code null} when the stream ends before its first byte (the client closed
   *     an idle connection)
   * @throws HttpException with 400, 408, 431 or 505 when the head is malformed, late or too large
   * @throws IOException when the stream fails or ends inside the head
   */
  public static RequestHead read(InputStream in, java.time.Duration timeLimit)
      throws IOException, HttpException {
    return new RequestHeadReader(in, timeLimit.toNanos()).head();
  }

  private RequestHead head() throws IOException, HttpException {
    String requestLine = line(true);
    for (int i = 0; requestLine != null && requestLine.isEmpty(); i++) {
      if (i == MAX_LEADING_EMPTY_LINES) {
        throw new HttpException(400, "empty request line");
      }
      requestLine = line(true);
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
      throw new HttpException(400, "malformed request line");
    }
    String version = parts[2];
    if (!version.matches("HTTP/[0-9]\\.[0-9]")) {
      throw new HttpException(400, "malformed request line");
    }
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new HttpException(505, "HTTP version not supported: " + version);
    }
    for (int i = 0; i < parts[1].length(); i++) {
      char c = parts[1].charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new HttpException(400, "malformed request target");
      }
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
    int count = 0;
    for (String l = line(false); !l.isEmpty(); l = line(false)) {
      if (++count > MAX_FIELDS) {
        throw new HttpException(431, "more than " + MAX_FIELDS + " header fields");
      }
      if (l.charAt(0) == ' ' || l.charAt(0) == '\t') {
        throw new HttpException(400, "obsolete line folding");
      }
      int colon = l.indexOf(':');
      if (colon <= 0 || !isToken(l.substring(0, colon))) {
        throw new HttpException(400, "malformed header field");
      }
      String value = l.substring(colon + 1).strip();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < ' ' && c != '\t') || c == 0x7f) {
          throw new HttpException(400, "control character in header field");
        }
      }
      fields
          .computeIfAbsent(l.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(value);
    }
    return new RequestHead(parts[0], parts[1], version, fields);
  }

  /** A line without its end; null at the end of the stream before any byte when allowed. */
  private String line(boolean mayEnd) throws IOException, HttpException {
    StringBuilder b = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (mayEnd && b.isEmpty() && used == 0) {
          return null;
        }
        throw new java.io.EOFException("connection closed inside a request head");
      }
      if (used == 0) {
        deadline = System.nanoTime() + timeLimitNanos;
      } else if (System.nanoTime() - deadline > 0) {
        throw new HttpException(408, "request head not received in time");
      }
      if (++used > MAX_HEAD_BYTES) {
        throw new HttpException(431, "request head larger than " + MAX_HEAD_BYTES + " bytes");
      }
      if (c == '\n') {
        int n = b.length();
        if (n > 0 && b.charAt(n - 1) == '\r') {
          b.setLength(n - 1);
        }
        String s = b.toString();
        if (s.indexOf('\r') >= 0) {
          throw new HttpException(400, "bare CR in request head");
        }
        return s;
      }
      b.append((char) c);
    }
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
