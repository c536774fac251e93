package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.ilptorrent.magnet.License;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.webtorrent.internal.pay.StreamPayer;

/**
 * Moves the money of a paid torrent: pays a licence's payment pointer until the receiver's receipts
 * attest an amount, handing each receipt over as it arrives so the client credits it before more
 * money moves (a payment cut short still counts for what was delivered).
 *
 * <p>Called on the client's payment thread; it may block.
 */
public interface Payer {
  /** Takes each receipt as it arrives; the payer sends nothing more until it returns. */
  @FunctionalInterface
  interface Receipts {
    /**
     * A receipt arrived.
     *
     * @param receipt the receiver's receipt (its total counts this payment only)
     * @param delivered what this payment delivered so far, in the receiver's units
     * @throws IOException when it cannot be credited: the payer must stop and rethrow it
     */
    void accept(Receipt receipt, long delivered) throws IOException;
  }

  /**
   * Pays {@code license}'s payment pointer until receipts attest {@code amount} (the receiver's
   * units; at most one packet more), refusing a receiver whose asset differs from the licence's.
   *
   * @return what the receipts attest, at least {@code amount}
   * @throws PaymentException when it stopped before; its amounts count this payment only
   * @throws IOException when {@code receipts} failed (rethrown as is)
   */
  long pay(License license, long amount, Receipts receipts) throws IOException;

  /**
   * Pays over Interledger STREAM from an ILP-over-HTTP account: SPSP at the licence's pointer (the
   * verifier's proxy, which asks the wallet for receipts), then STREAM packets until the receipts
   * cover the amount.
   *
   * @param ilpOverHttpUrl the account's ILP-over-HTTP endpoint
   * @param bearerToken the account's token
   */
  static Payer stream(URI ilpOverHttpUrl, String bearerToken) {
    return new StreamPayer(
        Objects.requireNonNull(ilpOverHttpUrl, "ilpOverHttpUrl"),
        Objects.requireNonNull(bearerToken, "bearerToken"));
  }
}
