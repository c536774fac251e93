package org.ilptorrent.magnet;

import java.util.Optional;

/** Licence terms that break a rule: a bad amount, asset, scale, pointer or verifier URL. */
public final class InvalidLicenseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String reason;

  /** Creates the exception with a message that names the field. */
  public InvalidLicenseException(String message) {
    super(message);
    this.key = null;
    this.reason = message;
  }

  /** Creates the exception with a message that names the field, and its cause. */
  public InvalidLicenseException(String message, Throwable cause) {
    super(message, cause);
    this.key = null;
    this.reason = message;
  }

  private InvalidLicenseException(String key, String reason, String message) {
    super(message);
    this.key = key;
    this.reason = reason;
  }

  /** A fault in one entry of a licence dictionary: the message is {@code key: reason}. */
  static InvalidLicenseException forKey(String key, String reason) {
    return new InvalidLicenseException(key, reason, key + ": " + reason);
  }

  /**
   * The key of the licence dictionary entry at fault ({@code amount}), when a dictionary was read
   * ({@link License#fromBencode}) and one entry is missing or malformed; empty when the fault is in
   * the terms as a whole or the message names the field itself.
   */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** What is wrong: the message without the {@link #key()} prefix. */
  public String reason() {
    return reason;
  }
}
