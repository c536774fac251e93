package org.ilptorrent.webtorrent.internal.pay;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PartialLicense;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.AccessTicket;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.UnknownBalanceException;
import org.ilptorrent.webtorrent.Payer;
import org.ilptorrent.webtorrent.PaymentException;
import org.ilptorrent.webtorrent.PaymentException.Reason;
import org.ilptorrent.webtorrent.PaymentPolicy;
import org.ilptorrent.webtorrent.TorrentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buyer's side of one paid download: from a tracker's {@code payment required} to an admitted
 * balance. Money moves last: the licence is checked against the magnet's {@code pp}/{@code vr}, the
 * torrent's {@code info} and what this download paid before; then the policy is asked, the balance
 * id chosen and stored, the verifier reached; only then does the payer pay, each receipt is
 * credited before the next packet leaves, and the balance id goes to the trackers. The state
 * ({@link PaymentStateFile}) makes re-announces, reconnects, other trackers, a re-added torrent and
 * a restarted process reuse the entitlement.
 *
 * <p>Every step runs on the payment executor, one at a time ({@code synchronized}); the hooks it is
 * given ({@link Hooks}) must be safe to call from there.
 */
public final class PaidDownload implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PaidDownload.class);

  /** Re-announces of a paid balance to one tracker that still says payment required. */
  private static final int MAX_REANNOUNCES = 3;

  /** What the download does for this class. */
  public interface Hooks {
    /** Emits a torrent event (on the client's event thread). */
    void emit(Consumer<TorrentListener> event);

    /** Ends the torrent with {@code error}: discovery stops, the torrent fails. */
    void fail(PaymentException error);

    /**
     * Gives the trackers the balance id and the leecher key (whose public half they bind into
     * access tickets) and the session the key pair, then announces with them now.
     */
    void announceWith(String balanceId, KeyPair leecherKey);

    /**
     * A tracker's access ticket for our leecher key, checked: the session shows it to serving peers
     * and accepts tickets of {@code trackerKey} when it serves.
     */
    void accessTicket(AccessTicket ticket, PublicKey trackerKey);

    /** A non-fatal warning. */
    void warn(String message);
  }

  private final Optional<PartialLicense> magnetLicense;
  private final PaymentPolicy policy;
  private final Payer payer;
  private final PaymentStateFile file;
  private final Executor executor;
  private final Duration admissionTimeout;
  private final Function<URI, ReceiptVerifierClient> verifiers;
  private final Hooks hooks;

  private PaymentState state;
  private IOException stateError;
  private volatile TorrentInfo metadata;
  private License trackerLicense;
  private URI trackerOfLicense;
  private boolean askedPolicy;
  private boolean requiredEmitted;
  private boolean balanceAnnounced;
  private boolean admittedEmitted;
  private boolean ended;
  private volatile boolean closed;
  private final Map<URI, Integer> reannounces = new HashMap<>();
  private CompletableFuture<Void> admissionTimer;

  /**
   * A paid download, reading its state at once.
   *
   * @param magnetLicense the magnet's {@code pp}/{@code vr}, when it named them
   * @param metadata the torrent, when known already (a .torrent rather than a magnet)
   * @param payer null when the client has none
   */
  public PaidDownload(
      Optional<PartialLicense> magnetLicense,
      Optional<TorrentInfo> metadata,
      PaymentPolicy policy,
      Payer payer,
      PaymentStateFile file,
      Executor executor,
      Duration admissionTimeout,
      Function<URI, ReceiptVerifierClient> verifiers,
      Hooks hooks) {
    this.magnetLicense = magnetLicense;
    this.metadata = metadata.orElse(null);
    this.policy = policy;
    this.payer = payer;
    this.file = file;
    this.executor = executor;
    this.admissionTimeout = admissionTimeout;
    this.verifiers = verifiers;
    this.hooks = hooks;
    try {
      this.state = file.read().orElse(null);
    } catch (IOException e) {
      this.stateError = e;
    }
  }

  /**
   * The balance id this download paid into before (possibly only in part), to announce with from
   * the start so that a tracker that admitted it never asks again.
   */
  public synchronized Optional<String> resumedBalanceId() {
    if (state == null) {
      return Optional.empty();
    }
    balanceAnnounced = true;
    return Optional.of(state.balanceId());
  }

  /**
   * The leecher key of the payment this download resumes, to announce and sign challenges with from
   * the start; a state stored without one gets one now.
   */
  public synchronized Optional<KeyPair> resumedLeecherKey() {
    return state == null ? Optional.empty() : Optional.ofNullable(leecherKey());
  }

  /** The payment state, for the access-ticket extension (leecher key, newest ticket). */
  public synchronized Optional<PaymentState> state() {
    return Optional.ofNullable(state);
  }

  /**
   * A tracker issued an access ticket ({@code ticket}, 125 bytes) signed by {@code trackerKey} (raw
   * 32 bytes); any thread. On the payment executor it is checked (this torrent, unexpired, signed
   * by that key, bound to this payment's leecher key), handed to the session and stored as the
   * newest ticket; anything else is a warning.
   */
  public void onAccessTicket(URI tracker, InfoHash infoHash, byte[] ticket, byte[] trackerKey) {
    executor.execute(() -> accessTicket(tracker, infoHash, ticket, trackerKey));
  }

  private synchronized void accessTicket(
      URI tracker, InfoHash infoHash, byte[] ticketBytes, byte[] trackerKeyBytes) {
    if (state == null || closed) {
      return;
    }
    AccessTicket ticket;
    PublicKey trackerKey;
    try {
      ticket = AccessTicket.parse(ticketBytes);
      trackerKey = AccessKeys.publicKey(trackerKeyBytes);
      ticket.verify(trackerKey, infoHash, Instant.now());
    } catch (IllegalArgumentException e) {
      hooks.warn(tracker + ": an unusable access ticket: " + e.getMessage());
      return;
    }
    if (!Arrays.equals(AccessKeys.raw(leecherKey().getPublic()), ticket.leecherKey())) {
      hooks.warn(tracker + ": an access ticket for another leecher key, ignored");
      return;
    }
    hooks.accessTicket(ticket, trackerKey);
    state = state.withAccessTicket(ticket.toHex());
    save();
  }

  /** A tracker answered {@code payment required} with {@code license}; any thread. */
  public void onPaymentRequired(URI tracker, License license) {
    executor.execute(() -> paymentRequired(tracker, license));
  }

  /** A tracker accepted an announce; any thread. */
  public void onAnnounced(URI tracker) {
    executor.execute(this::announced);
  }

  /** The metadata is known (fetched from peers); any thread. */
  public void onMetadata(TorrentInfo torrent) {
    executor.execute(() -> metadataKnown(torrent));
  }

  /** Stops: no more money moves, a payment under way stops before its next packet. */
  @Override
  public void close() {
    // not synchronized: a payment under way holds the lock and sees the flag before its next packet
    closed = true;
  }

  // ---- steps, on the payment executor ----

  private synchronized void paymentRequired(URI tracker, License license) {
    if (closed || ended) {
      return;
    }
    if (stateError != null) {
      end(Reason.PAYMENT_FAILED, "cannot read the payment state: " + stateError.getMessage());
      return;
    }
    Optional<String> mismatch = mismatch(tracker, license);
    if (mismatch.isPresent()) {
      end(Reason.LICENSE_MISMATCH, mismatch.get());
      return;
    }
    trackerLicense = license;
    trackerOfLicense = tracker;
    if (state != null && state.coversPrice()) {
      // Paid already: this tracker has not seen the balance yet (or its answer crossed ours).
      int n = reannounces.merge(tracker, 1, Integer::sum);
      if (n <= MAX_REANNOUNCES) {
        announce();
      }
      armAdmissionTimer();
      return;
    }
    if (!requiredEmitted) {
      requiredEmitted = true;
      hooks.emit(l -> l.onPaymentRequired(license));
    }
    if (!askedPolicy) {
      boolean approved;
      try {
        approved = policy.approve(license);
      } catch (RuntimeException e) {
        LOG.warn("the payment policy failed", e);
        approved = false;
      }
      if (!approved) {
        end(Reason.REFUSED, "payment required: " + describe(license) + "; the policy refused it");
        return;
      }
      askedPolicy = true;
    }
    if (payer == null) {
      end(Reason.NO_PAYER, "payment required: " + describe(license) + "; no payer is configured");
      return;
    }
    if (license.amount().compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
      end(Reason.PAYMENT_FAILED, "the price " + license.amount() + " exceeds a verifier balance");
      return;
    }
    if (state == null) {
      state = PaymentState.fresh(BalanceId.random(), license, PaymentState.LeecherKey.generate());
      if (!save()) {
        end(Reason.PAYMENT_FAILED, "cannot store the payment state in " + file.path());
        return;
      }
    }
    ReceiptVerifierClient verifier = verifiers.apply(license.verifier());
    try {
      // A spend of nothing from the licence's pointer: any verifier answer proves it is there.
      verifier.spend(state.balanceId(), 0, license.paymentPointer().toString(), null);
    } catch (UnknownBalanceException e) {
      // reached: a verifier that has not seen this balance yet
    } catch (RuntimeException e) {
      end(
          Reason.VERIFIER_UNREACHABLE,
          "the verifier " + license.verifier() + " cannot be reached: " + e.getMessage());
      return;
    } catch (IOException e) {
      end(
          Reason.VERIFIER_UNREACHABLE,
          "the verifier " + license.verifier() + " cannot be reached: " + e.getMessage());
      return;
    }
    try {
      creditPending(verifier);
      pay(license, verifier);
    } catch (PaymentException e) {
      end(e.withTotals(state.delivered(), state.credited()));
      return;
    } catch (IOException e) {
      end(
          Reason.VERIFIER_UNREACHABLE,
          "the verifier " + license.verifier() + " did not credit a receipt: " + e.getMessage());
      return;
    }
    if (closed) {
      return;
    }
    if (!state.coversPrice()) {
      end(
          Reason.PAYMENT_FAILED,
          "the receipts credited ("
              + state.credited()
              + ") do not cover the price "
              + license.amount());
      return;
    }
    long delivered = state.delivered();
    hooks.emit(l -> l.onPaid(delivered));
    announce();
    armAdmissionTimer();
  }

  private void pay(License license, ReceiptVerifierClient verifier) throws IOException {
    long price = license.amount().longValueExact();
    if (state.coversPrice()) {
      return;
    }
    long deliveredBase = state.delivered();
    long creditBase = state.credited();
    long remaining = price - creditBase;
    hooks.emit(l -> l.onPaying(deliveredBase, price));
    LOG.debug("paying {} into balance {}…", remaining, state.shortId());
    payer.pay(
        license,
        remaining,
        (receipt, delivered) -> {
          synchronized (this) {
            if (closed) {
              throw new PaymentException(
                  Reason.PAYMENT_FAILED, "the torrent was removed while paying", 0, 0);
            }
            state = state.delivered(deliveredBase + delivered, receipt.toBase64(), creditBase);
            save();
            long paid = state.delivered();
            hooks.emit(l -> l.onPaying(paid, price));
            credit(verifier, receipt);
          }
        });
  }

  private void creditPending(ReceiptVerifierClient verifier) throws IOException {
    if (state.pendingReceipt().isEmpty()) {
      return;
    }
    Receipt receipt;
    try {
      receipt = Receipt.fromBase64(state.pendingReceipt().get());
    } catch (IllegalArgumentException e) {
      state = state.dropPending();
      save();
      return;
    }
    try {
      credit(verifier, receipt);
    } catch (InvalidReceiptException e) {
      // expired or already counted: what it attested is either credited or lost
      state = state.dropPending();
      save();
    }
  }

  private void credit(ReceiptVerifierClient verifier, Receipt receipt) throws IOException {
    verifier.creditReceipt(state.balanceId(), receipt);
    state = state.credited(receipt.totalReceivedBits());
    save();
    long credited = state.credited();
    hooks.emit(l -> l.onReceiptsCredited(credited));
  }

  private synchronized void announced() {
    if (closed || ended || admittedEmitted || !balanceAnnounced) {
      return;
    }
    if (state == null || !state.coversPrice()) {
      return;
    }
    admittedEmitted = true;
    if (admissionTimer != null) {
      admissionTimer.cancel(false);
    }
    if (!state.admitted()) {
      state = state.admit();
      save();
    }
    hooks.emit(TorrentListener::onAdmitted);
  }

  private synchronized void metadataKnown(TorrentInfo torrent) {
    metadata = torrent;
    if (closed || ended) {
      return;
    }
    License paid = state != null ? state.license() : trackerLicense;
    Optional<License> committed = torrent.license();
    if (committed.isEmpty()) {
      if (paid != null) {
        end(
            Reason.LICENSE_MISMATCH,
            "the torrent's info has no licence, but " + source() + " asked for " + describe(paid));
      }
      return;
    }
    License info = committed.get();
    if (magnetLicense.isPresent() && !magnetLicense.get().matches(info)) {
      end(
          Reason.LICENSE_MISMATCH,
          "the torrent's info commits "
              + describe(info)
              + ", but the magnet names "
              + describe(magnetLicense.get()));
    } else if (paid != null && !same(paid, info)) {
      end(
          Reason.LICENSE_MISMATCH,
          "the torrent's info commits "
              + describe(info)
              + ", but "
              + source()
              + " asked for "
              + describe(paid));
    }
  }

  private String source() {
    return state != null ? "this download paid, as the tracker" : "the tracker " + trackerOfLicense;
  }

  private Optional<String> mismatch(URI tracker, License license) {
    if (magnetLicense.isPresent() && !magnetLicense.get().matches(license)) {
      return Optional.of(
          "the tracker "
              + tracker
              + " asks for "
              + describe(license)
              + ", but the magnet names "
              + describe(magnetLicense.get()));
    }
    TorrentInfo t = metadata;
    if (t != null) {
      Optional<License> info = t.license();
      if (info.isEmpty()) {
        return Optional.of(
            "the tracker "
                + tracker
                + " asks for "
                + describe(license)
                + ", but the torrent's info has no licence");
      }
      if (!same(info.get(), license)) {
        return Optional.of(
            "the tracker "
                + tracker
                + " asks for "
                + describe(license)
                + ", but the torrent's info commits "
                + describe(info.get()));
      }
    } else if (magnetLicense.isEmpty()) {
      return Optional.of(
          "the tracker "
              + tracker
              + " asks for "
              + describe(license)
              + ", but neither a magnet pp/vr nor the torrent's info can confirm it");
    }
    if (state != null && !same(state.license(), license)) {
      return Optional.of(
          "the tracker "
              + tracker
              + " asks for "
              + describe(license)
              + ", but this download paid "
              + describe(state.license()));
    }
    return Optional.empty();
  }

  private void announce() {
    balanceAnnounced = true;
    hooks.announceWith(state.balanceId(), leecherKey());
  }

  /** This payment's leecher key pair; made and stored now when the state has none or a bad one. */
  private KeyPair leecherKey() {
    if (state.leecherKey().isPresent()) {
      try {
        return state.leecherKey().get().toKeyPair();
      } catch (IllegalArgumentException e) {
        hooks.warn("the stored leecher key is damaged: using a new one");
      }
    }
    PaymentState.LeecherKey key = PaymentState.LeecherKey.generate();
    state = state.withLeecherKey(key);
    save();
    return key.toKeyPair();
  }

  private void armAdmissionTimer() {
    if (admittedEmitted || (admissionTimer != null && !admissionTimer.isDone())) {
      return;
    }
    admissionTimer = new CompletableFuture<>();
    CompletableFuture<Void> timer = admissionTimer;
    CompletableFuture.delayedExecutor(admissionTimeout.toMillis(), TimeUnit.MILLISECONDS, executor)
        .execute(
            () -> {
              synchronized (this) {
                if (timer.isDone() || admittedEmitted || closed || ended) {
                  return;
                }
                end(
                    Reason.NOT_ADMITTED,
                    "no tracker admitted the paid balance within "
                        + admissionTimeout.toSeconds()
                        + " s (paid "
                        + state.delivered()
                        + ", credited "
                        + state.credited()
                        + ")");
              }
            });
  }

  private void end(Reason reason, String message) {
    long paid = state == null ? 0 : state.delivered();
    long credited = state == null ? 0 : state.credited();
    end(new PaymentException(reason, message, paid, credited));
  }

  private void end(PaymentException e) {
    if (ended || closed) {
      return;
    }
    ended = true;
    if (admissionTimer != null) {
      admissionTimer.cancel(false);
    }
    hooks.fail(e);
  }

  private boolean save() {
    try {
      file.write(state);
      return true;
    } catch (IOException e) {
      LOG.warn("cannot store the payment state {}: {}", file.path(), e.toString());
      hooks.warn("cannot store the payment state: " + e.getMessage());
      return false;
    }
  }

  /** Two licences are the same when they agree on everything (a trailing slash aside). */
  static boolean same(License a, License b) {
    return a.paymentPointer().equals(b.paymentPointer())
        && trim(a.verifier()).equals(trim(b.verifier()))
        && a.amount().equals(b.amount())
        && a.assetCode().equals(b.assetCode())
        && a.assetScale() == b.assetScale();
  }

  private static String trim(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** {@code 0.50 USD (amount 50, scale 2) to <pointer> (verifier <url>)}. */
  public static String describe(License l) {
    return l.price().toPlainString()
        + " "
        + l.assetCode()
        + " (amount "
        + l.amount()
        + ", scale "
        + l.assetScale()
        + ") to "
        + l.paymentPointer()
        + " (verifier "
        + l.verifier()
        + ")";
  }

  private static String describe(PartialLicense l) {
    return "pp " + l.paymentPointer() + " and vr " + l.verifier();
  }
}
