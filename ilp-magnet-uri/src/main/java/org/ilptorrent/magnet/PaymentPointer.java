package org.ilptorrent.magnet;

import java.net.URI;
import java.util.Optional;
import org.ilptorrent.magnet.internal.HttpUrls;
import org.ilptorrent.magnet.internal.Text;

/**
 * An Interledger payment pointer (RFC 26), such as {@code $wallet.example/alice}, or the https URL
 * it stands for.
 *
 * <p>Two written forms are accepted:
 *
 * <ul>
 *   <li>{@code $host[:port][/path]}, which resolves to {@code https://host[:port]/path}, or to
 *       {@code https://host[:port]/.well-known/pay} when the path is empty or {@code /};
 *   <li>an {@code https://} URL, used as is. A plain {@code http://} URL is accepted only for a
 *       loopback host ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}), for local development.
 * </ul>
 *
 * <p>Immutable; two pointers are equal when they were written the same way.
 */
public final class PaymentPointer {
  /** The longest pointer accepted, in characters. */
  public static final int MAX_LENGTH = 2048;

  private static final String WELL_KNOWN_PATH = "/.well-known/pay";

  private final String text;
  private final URI url;

  private PaymentPointer(String text, URI url) {
    this.text = text;
    this.url = url;
  }

  /**
   * Parses a pointer in either written form.
   *
   * @throws InvalidPaymentPointerException naming the rule the text breaks
   */
  public static PaymentPointer parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidPaymentPointerException("payment pointer is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidPaymentPointerException(
          "payment pointer is longer than " + MAX_LENGTH + " characters");
    }
    boolean dollar = text.charAt(0) == '$';
    if (!dollar && !text.regionMatches(true, 0, "https://", 0, 8)) {
      if (!text.regionMatches(true, 0, "http://", 0, 7)) {
        throw new InvalidPaymentPointerException(
            "payment pointer must start with '$' or 'https://': " + Text.quote(text, 80));
      }
    }
    URI parsed;
    try {
      parsed = HttpUrls.parse(dollar ? "https://" + text.substring(1) : text);
    } catch (IllegalArgumentException e) {
      throw new InvalidPaymentPointerException(
          "payment pointer " + Text.quote(text, 80) + ": " + e.getMessage());
    }
    if (parsed.getPort() == 0 || parsed.getPort() > 65535) {
      throw new InvalidPaymentPointerException("payment pointer port must be 1..65535");
    }
    if (parsed.getScheme().equalsIgnoreCase("http") && !HttpUrls.isLoopbackHost(parsed.getHost())) {
      throw new InvalidPaymentPointerException(
          "plain http payment pointers are allowed only for loopback hosts: "
              + Text.quote(text, 80));
    }
    URI url = parsed;
    if (dollar) {
      String path = parsed.getRawPath();
      if (path.isEmpty() || path.equals("/")) {
        url = URI.create("https://" + parsed.getRawAuthority() + WELL_KNOWN_PATH);
      }
    }
    return new PaymentPointer(text, url);
  }

  /** Like {@link #parse(String)}, but empty instead of throwing. */
  public static Optional<PaymentPointer> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidPaymentPointerException e) {
      return Optional.empty();
    }
  }

  /** The SPSP URL the pointer resolves to (RFC 26). */
  public URI toUrl() {
    return url;
  }

  /** Whether the pointer was written in the {@code $host/path} form. */
  public boolean isDollarForm() {
    return text.charAt(0) == '$';
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentPointer other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The pointer as written. */
  @Override
  public String toString() {
    return text;
  }
}
