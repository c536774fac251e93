package org.ilptorrent.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * URL options: the converter every {@link URI} option uses (a clear message instead of the parser's
 * exception), and the checks of what a URL option may name.
 */
public final class Urls implements ITypeConverter<URI> {
  /** Schemes of the trackers the client announces to. */
  static final List<String> TRACKER_SCHEMES = List.of("http", "https", "ws", "wss", "udp");

  /** Schemes of services reached over HTTP: verifiers, wallets. */
  static final List<String> HTTP_SCHEMES = List.of("http", "https");

  @Override
  public URI convert(String value) {
    try {
      return new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new TypeConversionException(
          "not a URL: '" + ErrorHandlers.oneLine(value) + "' (" + e.getReason() + ")");
    }
  }

  /**
   * Checks that {@code value} of {@code option} is an absolute URL with one of {@code schemes} and
   * a host.
   *
   * @throws ParameterException naming the option, the value and what is wrong
   */
  static URI check(CommandSpec spec, String option, String value, List<String> schemes) {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw refuse(spec, option, value, schemes, e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      throw refuse(spec, option, value, schemes, "no scheme");
    }
    if (!schemes.contains(scheme)) {
      throw refuse(spec, option, value, schemes, "the scheme is " + scheme);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw refuse(spec, option, value, schemes, "no host");
    }
    return uri;
  }

  /** {@link #check(CommandSpec, String, String, List)} of a URL that was already parsed. */
  static URI check(CommandSpec spec, String option, URI value, List<String> schemes) {
    return check(spec, option, value.toString(), schemes);
  }

  private static ParameterException refuse(
      CommandSpec spec, String option, String value, List<String> schemes, String why) {
    List<String> names = schemes.subList(0, schemes.size() - 1);
    String allowed =
        names.isEmpty()
            ? schemes.get(0)
            : String.join(", ", names) + " or " + schemes.get(schemes.size() - 1);
    return new ParameterException(
        spec.commandLine(),
        option
            + ": '"
            + ErrorHandlers.oneLine(value)
            + "' is not a URL with a host and the scheme "
            + allowed
            + " ("
            + why
            + ")");
  }
}
