package org.ilptorrent.parse;

/**
 * Bounds on what {@link TorrentInfo#parse(byte[], ParseLimits)} accepts, so that hostile input
 * costs bounded time and memory. {@link #defaults()} suits every real torrent we know of.
 *
 * @param maxTorrentBytes the largest .torrent file, in bytes (default 16 MiB)
 * @param maxFiles the most files (default 100,000)
 * @param maxPathDepth the most components in one file path, the torrent name not counted (default
 *     64)
 * @param minPieceLength the smallest piece length (default 1 KiB)
 * @param maxPieceLength the largest piece length (default 256 MiB)
 * @param maxNesting the deepest nesting of lists and dictionaries (default 32)
 */
public record ParseLimits(
    int maxTorrentBytes,
    int maxFiles,
    int maxPathDepth,
    int minPieceLength,
    int maxPieceLength,
    int maxNesting) {

  private static final ParseLimits DEFAULTS =
      new ParseLimits(16 << 20, 100_000, 64, 1 << 10, 256 << 20, 32);

  /**
   * Checks the bounds are usable.
   *
   * @throws IllegalArgumentException when a bound is not positive or min exceeds max
   */
  public ParseLimits {
    if (maxTorrentBytes <= 0 || maxFiles <= 0 || maxPathDepth <= 0 || maxNesting < 4) {
      throw new IllegalArgumentException("limits must be positive (maxNesting at least 4)");
    }
    if (minPieceLength <= 0 || minPieceLength > maxPieceLength) {
      throw new IllegalArgumentException("need 0 < minPieceLength <= maxPieceLength");
    }
  }

  /** The default limits. */
  public static ParseLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another maximum torrent size. */
  public ParseLimits withMaxTorrentBytes(int bytes) {
    return new ParseLimits(
        bytes, maxFiles, maxPathDepth, minPieceLength, maxPieceLength, maxNesting);
  }

  /** These limits with another maximum file count. */
  public ParseLimits withMaxFiles(int files) {
    return new ParseLimits(
        maxTorrentBytes, files, maxPathDepth, minPieceLength, maxPieceLength, maxNesting);
  }
}
