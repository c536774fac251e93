package org.ilptorrent.webtorrent.internal.wire;

import java.io.IOException;

/**
 * A peer broke the wire protocol: a malformed, truncated, oversized or out-of-range message,
 * handshake or extension payload. The connection that produced it should be closed; nothing else is
 * affected.
 */
public final class PeerProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong. */
  public PeerProtocolException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public PeerProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
