package org.ilptorrent.magnet;

/** Text or bytes that are not an info hash. */
public final class InvalidInfoHashException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what is wrong. */
  public InvalidInfoHashException(String message) {
    super(message);
  }
}
