package org.ilptorrent.magnet.internal;

import java.util.ArrayList;
import java.util.List;

/** BEP 53 file-index ranges ({@code so=0,2,4-6}), as the npm bep53-range package reads them. */
public final class SelectOnly {
  private SelectOnly() {}

  /**
   * Appends the indexes {@code value} names to {@code into}, in the order written.
   *
   * @param limit how many indexes {@code into} may hold in all
   * @throws IllegalArgumentException for anything but comma-separated {@code N} and {@code N-M}
   *     with {@code N <= M}, or when the limit would be passed
   */
  public static void parse(String value, List<Integer> into, int limit) {
    for (String part : value.split(",", -1)) {
      int dash = part.indexOf('-');
      int first = index(dash < 0 ? part : part.substring(0, dash));
      int last = dash < 0 ? first : index(part.substring(dash + 1));
      if (last < first) {
        throw new IllegalArgumentException("range " + part + " ends before it starts");
      }
      if ((long) into.size() + (last - first) + 1 > limit) {
        throw new IllegalArgumentException("more than " + limit + " file indexes");
      }
      for (int i = first; i <= last; i++) {
        into.add(i);
      }
    }
  }

  /** Writes indexes as BEP 53 ranges, joining runs of consecutive indexes as bep53-range does. */
  public static String compose(List<Integer> indexes) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < indexes.size()) {
      int start = indexes.get(i);
      int j = i;
      while (j + 1 < indexes.size() && indexes.get(j + 1) == indexes.get(j) + 1) {
        j++;
      }
      parts.add(j > i ? start + "-" + indexes.get(j) : Integer.toString(start));
      i = j + 1;
    }
    return String.join(",", parts);
  }

  private static int index(String digits) {
    if (digits.isEmpty()
        || digits.length() > 9
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a file index: '" + digits + "'");
    }
    return Integer.parseInt(digits);
  }
}
