package org.ilptorrent.webtorrent.internal.http;

import java.util.List;
import java.util.Locale;

/**
 * What a request's {@code Range} field asks of a representation of a known length (RFC 9110 §14):
 * the whole of it, one byte range, or nothing it has.
 *
 * <p>Only one range is served. A field that is absent, sent twice, not in {@code bytes}, not valid
 * syntax (such as {@code bytes=5-1} or {@code bytes=x-}) or asking for several ranges is ignored,
 * and the whole representation is sent with 200, as RFC 9110 allows and Apache does. A valid single
 * range that starts at or past the end, or a zero-length suffix, is unsatisfiable (416).
 */
public sealed interface ByteRange {
  /** The whole representation (200). */
  record Whole() implements ByteRange {}

  /** Bytes {@code first..last}, both included (206). */
  record Part(long first, long last) implements ByteRange {
    public Part {
      if (first < 0 || last < first) {
        throw new IllegalArgumentException("bad range " + first + "-" + last);
      }
    }

    /** Bytes in the range. */
    public long length() {
      return last - first + 1;
    }
  }

  /** Nothing the representation has (416). */
  record Unsatisfiable() implements ByteRange {}

  /** The answer to the {@code Range} field values {@code fields} for {@code length} bytes. */
  static ByteRange of(List<String> fields, long length) {
    if (fields.size() != 1) {
      return new Whole();
    }
    String value = fields.get(0).strip();
    int eq = value.indexOf('=');
    if (eq < 0 || !value.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
      return new Whole();
    }
    String spec = value.substring(eq + 1).strip();
    int dash = spec.indexOf('-');
    if (spec.indexOf(',') >= 0 || dash < 0) {
      return new Whole();
    }
    String from = spec.substring(0, dash);
    String to = spec.substring(dash + 1);
    if (from.isEmpty()) {
      if (!digits(to)) {
        return new Whole();
      }
      long suffix = number(to);
      if (suffix == 0 || length == 0) {
        return new Unsatisfiable();
      }
      return new Part(Math.max(0, length - suffix), length - 1);
    }
    if (!digits(from) || !(to.isEmpty() || digits(to))) {
      return new Whole();
    }
    long first = number(from);
    long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
    if (last < first) {
      return new Whole();
    }
    if (first >= length) {
      return new Unsatisfiable();
    }
    return new Part(first, Math.min(last, length - 1));
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** A decimal number, {@link Long#MAX_VALUE} when larger (still past any file's end). */
  private static long number(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
