package org.ilptorrent.magnet;

/** Licence terms that break a rule: a bad amount, asset, scale, pointer or verifier URL. */
public final class InvalidLicenseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the field. */
  public InvalidLicenseException(String message) {
    super(message);
  }

  /** Creates the exception with a message that names the field, and its cause. */
  public InvalidLicenseException(String message, Throwable cause) {
    super(message, cause);
  }
}
