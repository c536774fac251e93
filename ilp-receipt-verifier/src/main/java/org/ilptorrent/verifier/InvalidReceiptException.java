package org.ilptorrent.verifier;

/**
 * A receipt that is not one: wrong length ({@code receipt malformed}), an unknown version ({@code
 * invalid version}), a bad HMAC ({@code invalid hmac}), or one the verifier no longer credits
 * ({@code expired receipt}: unknown or expired nonce, a replay, or a lower total). The message is
 * the verifier's fixed error string.
 */
public final class InvalidReceiptException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The receipt is not 58 bytes. */
  public static final String MALFORMED = "receipt malformed";

  /** The receipt's version is not 1. */
  public static final String INVALID_VERSION = "invalid version";

  /** The HMAC does not match the receipt secret. */
  public static final String INVALID_HMAC = "invalid hmac";

  /** The nonce is unknown or expired, or the receipt adds nothing to what was credited. */
  public static final String EXPIRED = "expired receipt";

  /** Creates the exception with one of the fixed messages. */
  public InvalidReceiptException(String message) {
    super(message);
  }
}
