package org.ilptorrent.bencode;

/**
 * Bencoded input that is malformed, over a limit, or not of the shape asked for: the one error type
 * of this module. It names where the fault is: the byte offset and, when known, the path of the
 * value ({@code info.files[3].length}).
 */
public final class BencodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String reason;
  private final long offset;

  /**
   * @param path where in the value the fault is ({@code info.files[3].length}), or {@code ""} for
   *     the top level or when unknown
   * @param reason what is wrong, without the path or offset
   * @param offset the byte offset of the fault in the input, or -1 when unknown
   */
  public BencodeException(String path, String reason, long offset) {
    super(
        (path == null || path.isEmpty() ? "" : path + ": ")
            + reason
            + (offset >= 0 ? " (at byte " + offset + ")" : ""));
    this.path = path == null ? "" : path;
    this.reason = reason;
    this.offset = offset;
  }

  /** The byte offset of the fault in the input, or -1 when unknown. */
  public long offset() {
    return offset;
  }

  /** The path of the faulty value ({@code info.files[3].length}); {@code ""} at the top level. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path or offset. */
  public String reason() {
    return reason;
  }
}
