package org.ilptorrent.verifier;

/** A spend larger than the balance (HTTP 409 {@code insufficient balance}). */
public final class InsufficientBalanceException extends VerifierException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InsufficientBalanceException() {
    super(409, "insufficient balance");
  }
}
