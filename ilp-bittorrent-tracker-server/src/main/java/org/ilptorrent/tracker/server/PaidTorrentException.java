package org.ilptorrent.tracker.server;

/**
 * A paid torrent the tracker will not register: it has no licence, the licence is not committed
 * inside {@code info}, its verifier is not on the tracker's allow-list, its amount is above what a
 * verifier balance can hold, or it is registered already.
 */
public final class PaidTorrentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why a registration was refused. */
  public enum Reason {
    /** The torrent carries no licence. */
    NO_LICENSE,
    /** The licence is only at top level, not inside {@code info}. */
    NOT_COMMITTED,
    /** The licence names a verifier the tracker does not allow. */
    VERIFIER_NOT_ALLOWED,
    /**
     * The licence amount is above 2^63-1: verifier balances are signed 64-bit, so no spend could
     * pay it.
     */
    AMOUNT_TOO_LARGE,
    /**
     * The torrent is registered already; its seeder token was given out then, and the tracker keeps
     * only its digest.
     */
    ALREADY_REGISTERED
  }

  private final Reason reason;

  /** Creates the exception. */
  public PaidTorrentException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the registration was refused. */
  public Reason reason() {
    return reason;
  }
}
