package org.ilptorrent.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A one-line progress display on stderr, redrawn with {@code \r}. It shows nothing when stderr is
 * not a terminal (so logs and scripts see no control characters) and nothing for work that ends
 * within the delay.
 */
final class ProgressLine {
  private final PrintWriter err;
  private final boolean enabled;
  private final long startNanos = System.nanoTime();
  private final long delayNanos;
  private long lastDrawNanos;
  private boolean drawn;

  ProgressLine(PrintWriter err, boolean terminal, Duration delay) {
    this.err = err;
    this.enabled = terminal;
    this.delayNanos = delay.toNanos();
  }

  /** A progress line on the console's stderr, if there is a console. */
  static ProgressLine forConsole(PrintWriter err) {
    return new ProgressLine(err, System.console() != null, Duration.ofSeconds(1));
  }

  /** Shows {@code done} of {@code total} bytes; cheap to call often, from any one thread. */
  synchronized void update(String label, long done, long total) {
    long now = System.nanoTime();
    if (!enabled || now - startNanos < delayNanos || now - lastDrawNanos < 100_000_000L) {
      return;
    }
    lastDrawNanos = now;
    double seconds = (now - startNanos) / 1e9;
    int percent = total == 0 ? 100 : (int) (100 * done / total);
    err.printf("\r%s %3d%%  %s/s   ", label, percent, bytes((long) (done / seconds)));
    err.flush();
    drawn = true;
  }

  /** Clears the line if it was drawn. */
  synchronized void finish() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  static String bytes(long n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }
}
