package org.ilptorrent.create;

/**
 * Inputs or options a torrent cannot be made from: a missing path, an empty folder, a name with a
 * separator, a piece length that is not a power of two, a stream shorter than it said.
 */
public final class InvalidTorrentInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what is wrong. */
  public InvalidTorrentInputException(String message) {
    super(message);
  }
}
