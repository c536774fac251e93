package org.ilptorrent.webtorrent.internal.http;

/**
 * A request the server answers with an error status and closes the connection after: a malformed or
 * oversized head, a bad path, an unknown resource.
 */
public final class HttpException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** An error answered with {@code status} and {@code message} as a one-line text body. */
  public HttpException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The status to answer with. */
  public int status() {
    return status;
  }
}
