package org.ilptorrent.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;
import org.ilptorrent.webtorrent.Progress;

/**
 * The status of a running download or seed on stderr. On a terminal the line is redrawn in place
 * with {@code \r}; otherwise (a log, a pipe, a test) it is a plain line every few seconds with no
 * control characters, so the output stays readable as text.
 */
final class StatusLine {
  private final PrintWriter err;
  private final boolean terminal;
  private final long plainEveryNanos;
  private long lastPlainNanos = Long.MIN_VALUE / 2;
  private boolean drawn;

  StatusLine(PrintWriter err, boolean terminal, Duration plainEvery) {
    this.err = err;
    this.terminal = terminal;
    this.plainEveryNanos = plainEvery.toNanos();
  }

  /** A status line on the console's stderr: redrawn on a terminal, a line per 5 s otherwise. */
  static StatusLine forConsole(PrintWriter err) {
    return new StatusLine(err, System.console() != null, Duration.ofSeconds(5));
  }

  /** Shows {@code text}; call it about once a second from one thread. */
  synchronized void show(String text) {
    if (terminal) {
      err.print("\r" + text + "\033[K");
      err.flush();
      drawn = true;
      return;
    }
    long now = System.nanoTime();
    if (now - lastPlainNanos >= plainEveryNanos) {
      lastPlainNanos = now;
      err.println(text);
      err.flush();
    }
  }

  /** Ends the status with {@code text} on a line of its own (always printed). */
  synchronized void finish(String text) {
    if (terminal && drawn) {
      err.print("\r\033[K");
    }
    err.println(text);
    err.flush();
  }

  /** Clears a status line drawn on a terminal, so that a message can follow on a clean line. */
  synchronized void clear() {
    if (terminal && drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  /** {@link #downloading(long, long, long, int, Duration)} of a download's progress. */
  static String downloading(Progress p) {
    return downloading(
        p.verifiedBytes(),
        p.length(),
        (long) p.downloadBytesPerSecond(),
        p.peers(),
        p.eta().orElse(null));
  }

  /** {@code 42.0% 12.3 MiB/s 3 peers ETA 0:12} for a download. */
  static String downloading(
      long verified, long length, long bytesPerSecond, int peers, Duration eta) {
    double percent = length == 0 ? 100 : 100.0 * verified / length;
    return String.format(
        "downloading %5.1f%%  %s of %s  %s/s  %d %s  ETA %s",
        percent,
        ProgressLine.bytes(verified),
        ProgressLine.bytes(length),
        ProgressLine.bytes(bytesPerSecond),
        peers,
        peers == 1 ? "peer" : "peers",
        eta == null ? "-" : duration(eta));
  }

  /** {@code fetching metadata 2 peers}: a magnet or info hash before its info dict came. */
  static String fetchingMetadata(int peers) {
    return String.format("fetching metadata  %d %s", peers, peers == 1 ? "peer" : "peers");
  }

  /** {@code seeding up 12.3 MiB/s uploaded 1.0 GiB 3 peers} for a seed. */
  static String seeding(long uploaded, long bytesPerSecond, int peers) {
    return String.format(
        "seeding  up %s/s  uploaded %s  %d %s",
        ProgressLine.bytes(bytesPerSecond),
        ProgressLine.bytes(uploaded),
        peers,
        peers == 1 ? "peer" : "peers");
  }

  /** {@code 0:05}, {@code 12:34}, {@code 1:02:03}. */
  static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
    return String.format("%d:%02d", s / 60, s % 60);
  }
}
