package org.ilptorrent.cli.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.ilptorrent.webtorrent.TorrentListener;

/**
 * Shows a torrent's warnings on the status line, each distinct one once: trackers are retried every
 * few seconds and would otherwise repeat the same failure forever (a tracker's warnings that differ
 * only in their numbers count as one). Tracker warnings arrive as {@code <tracker url>: <message>};
 * the latest one of each tracker is kept, so that a command that gives up can say why. Called on
 * the client's event thread; reads may come from any thread.
 */
final class TorrentWarnings implements TorrentListener {
  /** At most this many distinct warnings are shown: a swarm of bad peers must not flood stderr. */
  private static final int MOST_SHOWN = 50;

  private final StatusLine status;
  private final Set<String> shown = new LinkedHashSet<>();
  private final Map<String, String> latestBySource = new LinkedHashMap<>();

  TorrentWarnings(StatusLine status) {
    this.status = status;
  }

  @Override
  public void onWarning(String message) {
    String text = ErrorHandlers.oneLine(message);
    boolean show;
    synchronized (this) {
      int colon = text.indexOf(": ");
      String key = text;
      if (colon > 0 && text.indexOf(' ') > colon) {
        latestBySource.put(text.substring(0, colon), text.substring(colon + 2));
        // One tracker's retries differ only in numbers ("reconnecting in 1304 ms"): one line.
        key = text.substring(0, colon + 2) + text.substring(colon + 2).replaceAll("[0-9]+", "#");
      }
      show = shown.size() < MOST_SHOWN && shown.add(key);
    }
    if (show) {
      status.finish("warning: " + text);
    }
  }

  /**
   * The latest warning of each source (a tracker URL, usually) that had one, in first-seen order.
   */
  synchronized Map<String, String> latestBySource() {
    return new LinkedHashMap<>(latestBySource);
  }
}
