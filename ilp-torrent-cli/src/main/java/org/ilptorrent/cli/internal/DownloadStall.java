package org.ilptorrent.cli.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.Progress;
import org.ilptorrent.webtorrent.TorrentListener;

/**
 * Watches a download for {@code --timeout}: what counts as progress (the metadata, a verified
 * piece, money moving) and, when nothing came for the whole timeout, one line saying why: no peer
 * found and what each tracker said, or peers that sent nothing.
 */
final class DownloadStall implements TorrentListener {
  private final List<String> trackers;
  private final boolean peersGiven;
  private final TorrentWarnings warnings;
  private final AtomicInteger peersEver = new AtomicInteger();
  private volatile long lastProgressNanos = System.nanoTime();

  /**
   * @param trackers the torrent's tracker URLs
   * @param peersGiven whether peers were named (--peer, a magnet's x.pe)
   * @param warnings the torrent's warnings, for what the trackers said
   */
  DownloadStall(List<String> trackers, boolean peersGiven, TorrentWarnings warnings) {
    this.trackers = List.copyOf(trackers);
    this.peersGiven = peersGiven;
    this.warnings = warnings;
  }

  @Override
  public void onMetadata(TorrentInfo metadata) {
    moved();
  }

  @Override
  public void onPieceVerified(int piece) {
    moved();
  }

  @Override
  public void onPaying(long paid, long price) {
    moved();
  }

  @Override
  public void onPeerConnected(InetSocketAddress peer) {
    peersEver.incrementAndGet();
  }

  /** Starts the clock: the download is waiting from now on. */
  void start() {
    moved();
  }

  private void moved() {
    lastProgressNanos = System.nanoTime();
  }

  /** The status line: {@code fetching metadata} until the torrent's size is known. */
  static String status(boolean metadata, Progress p) {
    return metadata ? StatusLine.downloading(p) : StatusLine.fetchingMetadata(p.peers());
  }

  /**
   * Empty while the download moves, or when {@code timeout} is null; otherwise why nothing came
   * within it.
   */
  Optional<String> stalled(Duration timeout, boolean metadata, Progress p) {
    if (timeout == null || System.nanoTime() - lastProgressNanos < timeout.toNanos()) {
      return Optional.empty();
    }
    return Optional.of(
        reason(
            timeout,
            metadata,
            p,
            peersEver.get(),
            trackers,
            warnings.latestBySource(),
            peersGiven));
  }

  /** Why nothing came within {@code timeout}, as one line. */
  static String reason(
      Duration timeout,
      boolean metadata,
      Progress p,
      int peersEver,
      List<String> trackers,
      Map<String, String> warnings,
      boolean peersGiven) {
    String after = Durations.describe(timeout);
    String what =
        metadata
            ? "nothing downloaded for "
                + after
                + " ("
                + ProgressLine.bytes(p.verifiedBytes())
                + " of "
                + ProgressLine.bytes(p.length())
                + " verified)"
            : "no metadata after " + after;
    String why;
    if (peersEver == 0) {
      why = "no peer found" + sources(trackers, warnings, peersGiven);
    } else if (p.peers() == 0) {
      why = plural(peersEver, "peer") + " connected and left";
    } else if (!metadata) {
      why = plural(p.peers(), "peer") + " connected, none sent the metadata";
    } else {
      why = plural(p.peers(), "peer") + " connected, none sent a piece";
    }
    return what + ": " + why;
  }

  private static String sources(
      List<String> trackers, Map<String, String> warnings, boolean peersGiven) {
    if (trackers.isEmpty()) {
      return peersGiven
          ? " (the peers given did not answer)"
          : " (the torrent names no tracker and no peer: give --peer HOST:PORT)";
    }
    List<String> said = new ArrayList<>();
    for (String tracker : trackers) {
      String warning = warnings.get(tracker);
      String scheme = tracker.substring(0, Math.max(0, tracker.indexOf(':')));
      if (warning != null) {
        said.add(tracker + ": " + warning);
      } else if (scheme.toLowerCase(Locale.ROOT).startsWith("ws")) {
        said.add(tracker + ": a WebSocket tracker, which introduces WebRTC peers only");
      } else {
        said.add(tracker + ": no peers from it yet");
      }
    }
    return "; " + String.join("; ", said);
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
