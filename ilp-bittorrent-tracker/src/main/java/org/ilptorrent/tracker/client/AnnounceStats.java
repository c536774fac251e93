package org.ilptorrent.tracker.client;

/**
 * What an announce reports about this peer's transfer, in bytes.
 *
 * @param uploaded bytes sent to peers since the start
 * @param downloaded bytes received from peers since the start
 * @param left bytes still missing; 0 means a seeder, {@link Long#MAX_VALUE} that the size is not
 *     known yet
 */
public record AnnounceStats(long uploaded, long downloaded, long left) {
  /** Nothing transferred and the size not known: the default before the first update. */
  public static final AnnounceStats UNKNOWN = new AnnounceStats(0, 0, Long.MAX_VALUE);

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException when a count is negative
   */
  public AnnounceStats {
    if (uploaded < 0 || downloaded < 0 || left < 0) {
      throw new IllegalArgumentException(
          "uploaded, downloaded and left must be >= 0, got "
              + uploaded
              + ", "
              + downloaded
              + ", "
              + left);
    }
  }

  /** Stats of a seeder: nothing left. */
  public static AnnounceStats seeding(long uploaded, long downloaded) {
    return new AnnounceStats(uploaded, downloaded, 0);
  }
}
