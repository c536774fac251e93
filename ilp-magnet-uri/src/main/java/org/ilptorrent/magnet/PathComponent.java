package org.ilptorrent.magnet;

import java.util.Optional;

/**
 * The rule for one component of a file's path in a torrent (and for a torrent's name), so that no
 * file lands outside the download folder: not empty, not {@code .} or {@code ..}, no {@code /} or
 * {@code \}, no control characters (U+0000 to U+001F and U+007F, NUL included). The one rule the
 * torrent creator writes by, the parser reads by and the client's storage checks again.
 *
 * <p>Callers turn a refusal into their own error type: {@link #problem} gives the reason.
 */
public final class PathComponent {
  private PathComponent() {}

  /**
   * What is wrong with {@code component}: {@code "empty path component"}, {@code "path component
   * '..'"}, {@code "path separator inside a component"}, {@code "control character 7 in a path
   * component"}; empty when it is allowed.
   */
  public static Optional<String> problem(String component) {
    if (component == null) {
      return Optional.of("missing path component");
    }
    if (component.isEmpty()) {
      return Optional.of("empty path component");
    }
    if (component.equals(".") || component.equals("..")) {
      return Optional.of("path component '" + component + "'");
    }
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '/' || c == '\\') {
        return Optional.of("path separator inside a component");
      }
      if (c < 0x20 || c == 0x7F) {
        return Optional.of("control character " + (int) c + " in a path component");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code component} is allowed; false for null. */
  public static boolean isValid(String component) {
    return problem(component).isEmpty();
  }

  /**
   * Returns {@code component} when it is allowed.
   *
   * @throws IllegalArgumentException with the {@linkplain #problem reason} when it is not
   */
  public static String check(String component) {
    Optional<String> problem = problem(component);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return component;
  }
}
