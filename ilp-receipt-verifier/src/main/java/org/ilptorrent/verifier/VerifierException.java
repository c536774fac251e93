package org.ilptorrent.verifier;

/**
 * A request the verifier refused for a reason other than a bad receipt. Each subclass has a fixed
 * message, the same the HTTP API answers, and the HTTP status that goes with it.
 */
public class VerifierException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** Creates the exception with an HTTP status and a fixed message. */
  public VerifierException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status that carries this refusal. */
  public int status() {
    return status;
  }
}
