package org.ilptorrent.tracker.server;

/** A paid torrent the tracker will not register: not committed, or its verifier is not allowed. */
public final class PaidTorrentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public PaidTorrentException(String message) {
    super(message);
  }
}
