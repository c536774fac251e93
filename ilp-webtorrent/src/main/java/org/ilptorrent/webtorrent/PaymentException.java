package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.util.Objects;

/**
 * Why a paid torrent stopped before it was admitted: what {@link TorrentListener#onError} and
 * {@link Torrent#whenDone()} carry. It says how much money moved ({@link #paid()}, as the
 * receiver's receipts attest, in the receiver's units) and how much of it the verifier credited
 * ({@link #credited()}); the balance id is never part of it.
 */
public final class PaymentException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** The {@link PaymentPolicy} said no. Nothing was paid. */
    REFUSED,
    /**
     * The licences disagree: the tracker's, the magnet's {@code pp}/{@code vr}, the one committed
     * in {@code info}, or the one this download paid before.
     */
    LICENSE_MISMATCH,
    /** The receiving wallet's asset differs from the licence's. Nothing was paid. */
    ASSET_MISMATCH,
    /** The paying account cannot cover the price. */
    INSUFFICIENT_FUNDS,
    /** The licence's verifier cannot be reached, or does not answer as a receipt verifier. */
    VERIFIER_UNREACHABLE,
    /** The licence's payment pointer cannot be reached, or sends no receipts. Nothing was paid. */
    RECEIVER_UNREACHABLE,
    /** The client has no {@link Payer}. Nothing was paid. */
    NO_PAYER,
    /** The payment stopped for another reason (an ILP error, a timeout). */
    PAYMENT_FAILED,
    /** The price is paid and credited, but no tracker admitted the balance in time. */
    NOT_ADMITTED
  }

  private final Reason reason;
  private final long paid;
  private final long credited;

  /** Creates the exception. */
  public PaymentException(Reason reason, String message, long paid, long credited) {
    this(reason, message, paid, credited, null);
  }

  /** Creates the exception with its cause. */
  public PaymentException(
      Reason reason, String message, long paid, long credited, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.paid = paid;
    this.credited = credited;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** Delivered to the receiver for this download, in the receiver's units. */
  public long paid() {
    return paid;
  }

  /** Of that, credited to the download's balance at the verifier. */
  public long credited() {
    return credited;
  }

  /** The same failure with the download's totals, for a payer that knows only its own part. */
  public PaymentException withTotals(long paid, long credited) {
    return new PaymentException(reason, getMessage(), paid, credited, getCause());
  }
}
