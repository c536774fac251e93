package org.ilptorrent.tracker.client.internal;

/**
 * A UDP tracker refused a request (BEP 15): an error reply ({@code action 3 | transaction_id |
 * message}), or a reply that is only the 8-byte header, as opentracker sends for a torrent it does
 * not serve. Its message is {@code tracker failure: } and the tracker's reason, made printable, or
 * {@link #NO_REASON} when the tracker gave none.
 */
public final class UdpTrackerRefusal extends IllegalArgumentException {
  /** What the warning says for a refusal without a message. */
  public static final String NO_REASON = "refused without a reason";

  private static final long serialVersionUID = 1L;

  private final String reason;

  /** A refusal with the tracker's message, as it came (trailing NULs dropped); may be empty. */
  public UdpTrackerRefusal(String reason) {
    super("tracker failure: " + (reason.isEmpty() ? NO_REASON : Text.printable(reason)));
    this.reason = reason;
  }

  /** The tracker's message as it sent it, without trailing NULs; empty when it sent none. */
  public String reason() {
    return reason;
  }
}
