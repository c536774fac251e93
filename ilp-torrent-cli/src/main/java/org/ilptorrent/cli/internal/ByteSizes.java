package org.ilptorrent.cli.internal;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a size in bytes: {@code 64MiB}, {@code 512KiB}, {@code 1GiB}, {@code 10MB} (powers of ten)
 * or a plain number of bytes. Positive and at most 1 TiB.
 */
public final class ByteSizes implements ITypeConverter<Long> {
  private static final long MAX = 1L << 40;

  @Override
  public Long convert(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    String[][] units = {
      {"kib", "1024"},
      {"mib", "1048576"},
      {"gib", "1073741824"},
      {"kb", "1000"},
      {"mb", "1000000"},
      {"gb", "1000000000"},
      {"b", "1"}
    };
    for (String[] u : units) {
      if (v.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        v = v.substring(0, v.length() - u[0].length()).strip();
        break;
      }
    }
    try {
      long n = Long.parseLong(v);
      if (n <= 0 || n > MAX / unit) {
        throw new TypeConversionException("size out of range: '" + value + "' (1 B to 1 TiB)");
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("not a size: '" + value + "' (use 64MiB, 512KiB or 1GiB)");
    }
  }
}
