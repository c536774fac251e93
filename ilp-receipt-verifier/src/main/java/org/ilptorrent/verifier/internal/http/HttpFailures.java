package org.ilptorrent.verifier.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/**
 * What a failed request's exception means, in words for an error message. The JDK's HTTP client
 * throws some with no message at all (a refused connection is a bare {@link ConnectException}),
 * which callers would otherwise show as a class name or as {@code null}.
 */
public final class HttpFailures {
  private HttpFailures() {}

  /** The exception's message, or what it means when it has none; never a class name. */
  public static String describe(Throwable e) {
    String message = e.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
      return "timed out";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e.getCause() != null && e.getCause() != e) {
      return describe(e.getCause());
    }
    return e instanceof IOException ? "I/O error" : "failed without saying why";
  }
}
