package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.ilptorrent.webtorrent.PaymentException;
import org.ilptorrent.webtorrent.Progress;
import org.ilptorrent.webtorrent.Torrent;

/** Waits for the demo's torrents, with progress lines, failing with one clear reason. */
final class DownloadWatch {
  private DownloadWatch() {}

  /**
   * Waits for bob's download, failing on a stall, with a progress line at most twice a second while
   * pieces arrive (a 64 MiB download on loopback takes about a second).
   */
  static void await(Torrent got, BuyerEvents events, Consumer<String> lines, Duration stall)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    long lastChange = started;
    long lastVerified = -1;
    long lastLine = started - TimeUnit.SECONDS.toNanos(1);
    while (true) {
      try {
        got.whenDone().get(100, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        Progress p = got.progress();
        long now = System.nanoTime();
        boolean changed = p.verifiedBytes() != lastVerified;
        if (changed) {
          lastVerified = p.verifiedBytes();
          lastChange = now;
        } else if (now - lastChange > stall.toNanos()) {
          throw new IOException(
              events.admitted()
                  ? "bob was admitted but got no piece for " + stall.toSeconds() + " s"
                  : "bob was not admitted within " + stall.toSeconds() + " s");
        }
        // None before the metadata (the length is unknown) nor while nothing moves.
        if (changed && p.length() > 0 && now - lastLine >= TimeUnit.MILLISECONDS.toNanos(500)) {
          lastLine = now;
          lines.accept(StatusLine.downloading(p));
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof PaymentException pe) {
          throw new IOException(
              "payment failed: "
                  + pe.getMessage()
                  + " (paid "
                  + Demo.money(pe.paid())
                  + ", credited "
                  + Demo.money(pe.credited())
                  + ")",
              pe);
        }
        throw new IOException("download failed: " + cause.getMessage(), cause);
      }
    }
    Progress p = got.progress();
    double seconds = (System.nanoTime() - started) / 1e9;
    lines.accept(
        String.format(
            "downloaded %s in %.1f s (%s/s)",
            ProgressLine.bytes(p.length()),
            seconds,
            ProgressLine.bytes((long) (p.length() / Math.max(seconds, 1e-3)))));
  }

  /** Waits for a seed's data check; it fails unless every piece checked good. */
  static void awaitDone(Torrent torrent, String what, Duration stall)
      throws IOException, InterruptedException {
    try {
      torrent.whenDone().get(stall.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(what + " did not finish in " + stall.toSeconds() + " s");
    }
  }
}
