package org.ilptorrent.webtorrent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a torrent's transfer.
 *
 * @param length bytes of the torrent; 0 while its metadata is unknown
 * @param verifiedBytes bytes of pieces we have and checked
 * @param downloaded payload bytes received since the torrent was added (duplicates included)
 * @param uploaded payload bytes sent since the torrent was added
 * @param downloadBytesPerSecond recent download rate
 * @param uploadBytesPerSecond recent upload rate
 * @param peers connected peers (handshake done)
 * @param eta time left at the current download rate; empty when done, unknown or stalled
 */
public record Progress(
    long length,
    long verifiedBytes,
    long downloaded,
    long uploaded,
    double downloadBytesPerSecond,
    double uploadBytesPerSecond,
    int peers,
    Optional<Duration> eta) {
  /** Checks that the counts are not negative. */
  public Progress {
    Objects.requireNonNull(eta, "eta");
    if (length < 0 || verifiedBytes < 0 || downloaded < 0 || uploaded < 0 || peers < 0) {
      throw new IllegalArgumentException("negative progress");
    }
  }

  /** Whether the metadata is known and every byte is verified. */
  public boolean isDone() {
    return length > 0 && verifiedBytes == length;
  }

  /** Verified fraction in 0..1 (0 before the metadata). */
  public double fraction() {
    return length == 0 ? 0 : (double) verifiedBytes / length;
  }
}
