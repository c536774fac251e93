package org.ilptorrent.stream;

/**
 * A payment that stopped before reaching its target: a final ILP error, a timeout, or a reply the
 * sender could not trust. {@link #sent()} and {@link #delivered()} say how far it got.
 */
public final class StreamPaymentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long sent;
  private final long delivered;
  private final String ilpErrorCode;

  /** Creates the exception. */
  public StreamPaymentException(String message, long sent, long delivered) {
    this(message, sent, delivered, "");
  }

  /** Creates the exception for a payment that ended on an ILP error such as {@code T04}. */
  public StreamPaymentException(String message, long sent, long delivered, String ilpErrorCode) {
    this(message, sent, delivered, ilpErrorCode, null);
  }

  /** Creates the exception with its cause (such as a listener that refused to go on). */
  public StreamPaymentException(
      String message, long sent, long delivered, String ilpErrorCode, Throwable cause) {
    super(message + " (sent " + sent + ", delivered " + delivered + ")", cause);
    this.sent = sent;
    this.delivered = delivered;
    this.ilpErrorCode = ilpErrorCode == null ? "" : ilpErrorCode;
  }

  /**
   * The ILP error code the payment ended on ({@code T04} when the sender's account cannot cover a
   * packet, for instance), or empty when it ended for another reason.
   */
  public String ilpErrorCode() {
    return ilpErrorCode;
  }

  /** Sent before stopping, in the sender's units. */
  public long sent() {
    return sent;
  }

  /** Delivered before stopping, as the receipts attest. */
  public long delivered() {
    return delivered;
  }
}
