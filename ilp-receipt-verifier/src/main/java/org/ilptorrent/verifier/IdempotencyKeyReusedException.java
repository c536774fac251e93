package org.ilptorrent.verifier;

/**
 * A spend whose {@code Idempotency-Key} an earlier spend from the same balance already used with a
 * different amount or pointer (HTTP 409 {@code idempotency key reused}). Nothing was debited.
 */
public final class IdempotencyKeyReusedException extends VerifierException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public IdempotencyKeyReusedException() {
    super(409, "idempotency key reused");
  }
}
