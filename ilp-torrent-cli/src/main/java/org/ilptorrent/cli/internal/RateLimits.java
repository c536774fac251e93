package org.ilptorrent.cli.internal;

import org.ilptorrent.webtorrent.WebTorrent;
import picocli.CommandLine.Option;

/**
 * {@code --download-limit} and {@code --upload-limit} for the commands that run a client: the
 * client-wide rates of WebTorrent's {@code downloadLimit}/{@code uploadLimit}, in bytes per second.
 */
final class RateLimits {
  @Option(
      names = "--download-limit",
      paramLabel = "RATE",
      converter = Rates.class,
      description =
          "Most bytes per second downloaded over every peer together, as 500K, 2M or 1G (curl's"
              + " units: K = 1024), or a plain number of bytes; no limit when left out.")
  Long download;

  @Option(
      names = "--upload-limit",
      paramLabel = "RATE",
      converter = Rates.class,
      description = "Most bytes per second uploaded, in the same units; no limit when left out.")
  Long upload;

  /** Applies the limits given to {@code builder}. */
  WebTorrent.Builder applyTo(WebTorrent.Builder builder) {
    if (download != null) {
      builder.downloadLimit(download);
    }
    if (upload != null) {
      builder.uploadLimit(upload);
    }
    return builder;
  }
}
