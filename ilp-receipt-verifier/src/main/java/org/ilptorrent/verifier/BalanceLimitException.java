package org.ilptorrent.verifier;

/**
 * An amount or balance past the largest signed 64-bit integer, which the verifier (like {@code
 * @coil/receipt-verifier}) does not hold (HTTP 409).
 */
public final class BalanceLimitException extends VerifierException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the verifier's fixed message for {@code what}. */
  public BalanceLimitException(String message) {
    super(409, message);
  }
}
