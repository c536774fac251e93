package org.ilptorrent.magnet;

import java.util.Optional;
import org.ilptorrent.magnet.internal.Text;

/**
 * A magnet URI that cannot be read or written. The message names the parameter ({@code tr}, {@code
 * xt}, ...) and, when parsing, its position in the URI.
 */
public final class InvalidMagnetUriException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  /**
   * Creates the exception.
   *
   * @param parameter the parameter at fault, or {@code null} when the URI as a whole is
   * @param message what is wrong
   */
  public InvalidMagnetUriException(String parameter, String message) {
    super(parameter == null ? message : "parameter " + Text.quote(parameter, 40) + ": " + message);
    this.parameter = parameter;
  }

  /** The parameter at fault, empty when the URI as a whole is (too long, wrong scheme). */
  public Optional<String> parameter() {
    return Optional.ofNullable(parameter);
  }
}
