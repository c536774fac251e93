package org.ilptorrent.tracker.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tracker URLs as text (how a .torrent, a magnet's {@code tr} and the torrent creator hold them)
 * into the {@link URI}s the tracker client takes.
 */
public final class TrackerUrls {
  private TrackerUrls() {}

  /**
   * Parses each URL, in order.
   *
   * @throws IllegalArgumentException naming the first URL that is not a URI, or one without a
   *     scheme
   */
  public static List<URI> parse(List<String> urls) {
    List<URI> out = new ArrayList<>(urls.size());
    for (String url : urls) {
      Objects.requireNonNull(url, "tracker URL");
      URI uri;
      try {
        uri = new URI(url.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a tracker URL: '" + url + "': " + e.getReason(), e);
      }
      if (uri.getScheme() == null) {
        throw new IllegalArgumentException(
            "not a tracker URL: '" + url + "' (no scheme such as ws:, http: or udp:)");
      }
      out.add(uri);
    }
    return List.copyOf(out);
  }
}
