package org.ilptorrent.redis;

import java.io.IOException;

/**
 * Redis could not be reached or did not answer in time, or is loading its data after a restart. The
 * operation may or may not have been applied when the cause is a timeout; callers make their writes
 * idempotent or tell their clients to retry.
 */
public final class RedisUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An unavailable Redis, described by {@code message} (no secrets in it). */
  public RedisUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
