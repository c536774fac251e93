package org.ilptorrent.webtorrent;

import java.io.IOException;

/**
 * Publishing a paid torrent failed before it was seeded: the price cannot be restated at the
 * wallet's scale, the asset differs from the wallet's, or the verifier or a tracker refused the
 * registration. The message says which and what to do; it names no token.
 */
public final class PublishException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public PublishException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
