package org.ilptorrent.webtorrent.internal.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to one request: a status line and fields, then a body of a length given up front
 * ({@code Content-Length}; no chunking). For {@code HEAD} the fields are the same and the body is
 * not sent. The head is buffered with the body's first bytes, so a small answer leaves in one
 * segment.
 */
public final class HttpResponse {
  private final OutputStream out;
  private final boolean headRequest;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private boolean closeAfter;
  private boolean committed;

  HttpResponse(OutputStream out, boolean headRequest, boolean closeAfter) {
    this.out = out;
    this.headRequest = headRequest;
    this.closeAfter = closeAfter;
  }

  /** Sets field {@code name} (replacing an earlier value). */
  public HttpResponse header(String name, String value) {
    fields.put(name, value);
    return this;
  }

  /** Makes the connection close after this answer. */
  public HttpResponse closeAfter() {
    closeAfter = true;
    return this;
  }

  boolean closesAfter() {
    return closeAfter;
  }

  boolean committed() {
    return committed;
  }

  /** Sends {@code body} whole with {@code status}. */
  public void send(int status, String contentType, byte[] body) throws IOException {
    header("Content-Type", contentType);
    OutputStream o = body(status, body.length);
    o.write(body);
    o.flush();
  }

  /** Sends a one-line {@code text/plain} answer. */
  public void sendText(int status, String text) throws IOException {
    send(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes the status line and fields with {@code Content-Length: length} and returns the stream
   * for exactly {@code length} body bytes (for {@code HEAD}, a stream that discards them). Flush it
   * when done.
   */
  public OutputStream body(int status, long length) throws IOException {
    if (committed) {
      throw new IllegalStateException("answer already started");
    }
    committed = true;
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    fields.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(length).append("\r\n");
    if (closeAfter) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (headRequest || length == 0) {
      out.flush();
      return OutputStream.nullOutputStream();
    }
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 206 -> "Partial Content";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 416 -> "Range Not Satisfiable";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }
}
