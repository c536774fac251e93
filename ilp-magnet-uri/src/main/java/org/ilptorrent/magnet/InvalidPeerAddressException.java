package org.ilptorrent.magnet;

/**
 * Text that is not a peer address this library accepts. The message is {@code "peer address "}
 * followed by {@link #reason()}, so a caller can put its own subject (an option name, a magnet
 * parameter) before the reason.
 */
public final class InvalidPeerAddressException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong, phrased to follow a subject ("port must be 1..65535, got '0'")
   */
  public InvalidPeerAddressException(String reason) {
    super("peer address " + reason);
    this.reason = reason;
  }

  /** What is wrong, without a subject: {@code must be HOST:PORT, got 'x'}. */
  public String reason() {
    return reason;
  }
}
