package org.ilptorrent.parse.internal;

import java.util.Optional;
import org.ilptorrent.magnet.PathComponent;
import org.ilptorrent.parse.InvalidTorrentException;

/**
 * A name or path component read from a torrent, checked by {@link PathComponent}'s rule (so that no
 * file lands outside the download folder) and refused as this module's error type.
 */
public final class PathRules {
  private PathRules() {}

  /**
   * Checks one component.
   *
   * @throws InvalidTorrentException naming {@code field} and {@code offset}
   */
  public static String check(String component, String field, int offset) {
    Optional<String> problem = PathComponent.problem(component);
    if (problem.isPresent()) {
      throw new InvalidTorrentException(field, offset, problem.get());
    }
    return component;
  }
}
