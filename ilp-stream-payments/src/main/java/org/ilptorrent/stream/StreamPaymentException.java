package org.ilptorrent.stream;

/**
 * A payment that stopped before reaching its target: a final ILP error, a timeout, or a reply the
 * sender could not trust. {@link #sent()} and {@link #delivered()} say how far it got.
 */
public final class StreamPaymentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long sent;
  private final long delivered;

  /** Creates the exception. */
  public StreamPaymentException(String message, long sent, long delivered) {
    super(message + " (sent " + sent + ", delivered " + delivered + ")");
    this.sent = sent;
    this.delivered = delivered;
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
