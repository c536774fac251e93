package org.ilptorrent.cli.internal;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code 500K}, {@code 2M}, {@code 1.5M}, {@code 2MiB}, {@code 800KB/s} or bytes. */
public final class Rates implements ITypeConverter<Long> {
  private static final long MAX = 1L << 40;

  @Override
  public Long convert(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.endsWith("/s")) {
      v = v.substring(0, v.length() - 2);
    }
    v = v.replaceFirst("i?b$", "");
    long unit = 1;
    if (!v.isEmpty()) {
      int at = "kmg".indexOf(v.charAt(v.length() - 1));
      if (at >= 0) {
        unit = 1L << (10 * (at + 1));
        v = v.substring(0, v.length() - 1);
      }
    }
    double n;
    try {
      n = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a rate: '" + value + "' (use bytes per second, or 500K, 2M, 1G)");
    }
    if (!(n > 0) || n * unit > MAX || Double.isNaN(n)) {
      throw new IllegalArgumentException(
          "rate out of range: '" + value + "' (more than 0, at most 1T per second)");
    }
    return Math.max(1, Math.round(n * unit));
  }
}
