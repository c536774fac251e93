package org.ilptorrent.verifier;

/**
 * A spend from a balance no receipt was ever credited to (HTTP 404 {@code balance does not exist}).
 */
public final class UnknownBalanceException extends VerifierException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public UnknownBalanceException() {
    super(404, "balance does not exist");
  }
}
