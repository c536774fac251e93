package org.ilptorrent.tracker;

/**
 * An access ticket or a challenge signature that does not hold: malformed bytes, another torrent,
 * expired, or a signature that does not verify. The message is one of the fixed texts in {@link
 * AccessTicket}; it names no key and no peer.
 */
public final class InvalidTicketException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why a ticket was refused. */
  public enum Reason {
    /** Not 125 bytes, or an unknown version. */
    MALFORMED,
    /** Issued for another info hash. */
    WRONG_TORRENT,
    /** Its expiry is not after now. */
    EXPIRED,
    /** The tracker's signature does not verify under the key we know. */
    BAD_TRACKER_SIGNATURE,
    /** The challenge was not signed with the ticket's leecher key. */
    BAD_CHALLENGE_SIGNATURE
  }

  private final Reason reason;

  /** A refusal for {@code reason}. */
  public InvalidTicketException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the ticket was refused. */
  public Reason reason() {
    return reason;
  }
}
