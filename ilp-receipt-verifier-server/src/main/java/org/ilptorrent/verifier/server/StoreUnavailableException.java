package org.ilptorrent.verifier.server;

import java.io.IOException;

/**
 * The store cannot answer now (its Redis is unreachable, slow or loading): the server answers 503
 * {@code store unavailable}, and the client may retry. After a timeout the change may or may not
 * have been applied; spends with an idempotency key can be retried safely.
 */
public final class StoreUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The body of the server's 503 answer. */
  public static final String ANSWER = "store unavailable";

  /** An unavailable store; {@code message} carries no secret. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
