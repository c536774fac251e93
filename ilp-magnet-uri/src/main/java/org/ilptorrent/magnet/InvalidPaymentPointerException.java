package org.ilptorrent.magnet;

/** Text that is not a payment pointer this library accepts. */
public final class InvalidPaymentPointerException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what is wrong. */
  public InvalidPaymentPointerException(String message) {
    super(message);
  }
}
