package org.ilptorrent.cli.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 300s}, {@code 5m}, {@code 2h}, {@code 1500ms} or ISO-8601 {@code PT5M}. */
public final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d.isNegative()) {
      throw new TypeConversionException("a duration must not be negative: '" + value + "'");
    }
    return d;
  }

  private static Duration parse(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofSeconds(Long.parseLong(v));
      };
    } catch (NumberFormatException
        | DateTimeParseException
        | StringIndexOutOfBoundsException
        | ArithmeticException e) {
      throw new TypeConversionException(
          "not a duration: '" + value + "' (use 300s, 5m, 2h, 1500ms or PT5M)");
    }
  }

  /** {@code 30 s}, {@code 1.5 s}, {@code 5 min}, {@code 2 h}: a duration for a message. */
  static String describe(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0) {
      return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
    if (s >= 3600 && s % 3600 == 0) {
      return s / 3600 + " h";
    }
    if (s >= 60 && s % 60 == 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }
}
