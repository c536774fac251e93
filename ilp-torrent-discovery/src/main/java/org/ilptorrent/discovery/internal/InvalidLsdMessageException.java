package org.ilptorrent.discovery.internal;

/** A datagram that is not a usable BEP 14 announce; {@link #reason()} says which rule it broke. */
public final class InvalidLsdMessageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rule a datagram broke. */
  public enum Reason {
    /** Longer than the endpoint accepts. */
    TOO_LARGE,
    /** A byte that is not printable ASCII, CR, LF or tab. */
    NOT_ASCII,
    /** The first line is not {@code BT-SEARCH * HTTP/1.1}. */
    NOT_BT_SEARCH,
    /** A header line without a colon, or too many headers. */
    MALFORMED_HEADER,
    /** No {@code Port}, two of them, or one outside 1..65535. */
    BAD_PORT,
    /** An {@code Infohash} that is not 40 hex digits. */
    BAD_INFOHASH,
    /** No {@code Infohash} at all. */
    NO_INFOHASH,
    /** More {@code Infohash} headers than the endpoint accepts. */
    TOO_MANY_INFOHASHES
  }

  private final Reason reason;

  /**
   * @param reason the rule broken
   * @param offset the byte offset of the offending line (0 for the whole datagram)
   * @param detail what was wrong
   */
  public InvalidLsdMessageException(Reason reason, int offset, String detail) {
    super(detail + " (at byte " + offset + ")");
    this.reason = reason;
  }

  /** The rule the datagram broke. */
  public Reason reason() {
    return reason;
  }
}
