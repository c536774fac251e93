package org.ilptorrent.webtorrent;

/**
 * A snapshot of every torrent of a client together, like WebTorrent's {@code client.downloadSpeed},
 * {@code uploadSpeed}, {@code progress} and {@code ratio}.
 *
 * @param torrents torrents in the client
 * @param length bytes of the torrents whose metadata is known
 * @param verifiedBytes bytes of pieces we have and checked, over all torrents
 * @param downloaded payload bytes received by all torrents
 * @param uploaded payload bytes sent by all torrents
 * @param downloadBytesPerSecond recent download rate of all torrents together
 * @param uploadBytesPerSecond recent upload rate of all torrents together
 */
public record ClientProgress(
    int torrents,
    long length,
    long verifiedBytes,
    long downloaded,
    long uploaded,
    double downloadBytesPerSecond,
    double uploadBytesPerSecond) {

  /** Sums the progress of {@code each} torrent. */
  static ClientProgress of(java.util.List<Progress> each) {
    long length = 0;
    long verified = 0;
    long down = 0;
    long up = 0;
    double downRate = 0;
    double upRate = 0;
    for (Progress p : each) {
      length += p.length();
      verified += p.verifiedBytes();
      down += p.downloaded();
      up += p.uploaded();
      downRate += p.downloadBytesPerSecond();
      upRate += p.uploadBytesPerSecond();
    }
    return new ClientProgress(each.size(), length, verified, down, up, downRate, upRate);
  }

  /** Uploaded divided by downloaded (WebTorrent's {@code ratio}); 0 before anything came. */
  public double ratio() {
    return downloaded == 0 ? 0 : (double) uploaded / downloaded;
  }

  /** Verified fraction in 0..1 of the torrents whose metadata is known. */
  public double fraction() {
    return length == 0 ? 0 : (double) verifiedBytes / length;
  }
}
