package org.ilptorrent.webtorrent.internal.pay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.ilptorrent.magnet.License;
import org.ilptorrent.stream.IlpOverHttpLink;
import org.ilptorrent.stream.PaymentResult;
import org.ilptorrent.stream.Spsp;
import org.ilptorrent.stream.StreamPaymentException;
import org.ilptorrent.stream.StreamSender;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.internal.http.SharedHttpClient;
import org.ilptorrent.webtorrent.Payer;
import org.ilptorrent.webtorrent.PaymentException;

/**
 * {@link Payer#stream}: SPSP at the licence's pointer, then a {@link StreamSender} over
 * ILP-over-HTTP, with every receipt handed over before the next packet leaves.
 */
public final class StreamPayer implements Payer {
  private static final Duration SPSP_TIMEOUT = Duration.ofSeconds(30);

  private final StreamSender sender;
  private final HttpClient http;

  /** A payer with the sender's defaults (2 min per payment, 20 retries of temporary errors). */
  public StreamPayer(URI ilpOverHttpUrl, String bearerToken) {
    this(ilpOverHttpUrl, bearerToken, Duration.ofMinutes(2), 20);
  }

  /** A payer whose sender gives up after {@code timeout} or {@code maxRetries} temporary errors. */
  public StreamPayer(URI ilpOverHttpUrl, String bearerToken, Duration timeout, int maxRetries) {
    // The process's one HttpClient: a client per payer would leave a selector thread behind.
    this.http = SharedHttpClient.get();
    this.sender =
        new StreamSender(
            new IlpOverHttpLink(ilpOverHttpUrl, bearerToken, http, Duration.ofSeconds(30)),
            Clock.systemUTC(),
            Duration.ofSeconds(30),
            timeout,
            1000,
            maxRetries);
  }

  @Override
  public long pay(License license, long amount, Receipts receipts) throws IOException {
    if (license.amount().compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
      throw new PaymentException(
          PaymentException.Reason.PAYMENT_FAILED,
          "the price " + license.amount() + " is beyond a verifier balance (2^63-1)",
          0,
          0);
    }
    Spsp.Details details;
    try {
      details = Spsp.query(license.paymentPointer(), http, SPSP_TIMEOUT);
    } catch (IOException e) {
      throw new PaymentException(
          PaymentException.Reason.RECEIVER_UNREACHABLE,
          "cannot reach the payment pointer " + license.paymentPointer() + ": " + e.getMessage(),
          0,
          0,
          e);
    }
    if (!details.receiptsEnabled()) {
      throw new PaymentException(
          PaymentException.Reason.RECEIVER_UNREACHABLE,
          "the payment pointer "
              + license.paymentPointer()
              + " sends no receipts: nothing paid could be credited",
          0,
          0);
    }
    StreamSender.Listener listener =
        new StreamSender.Listener() {
          @Override
          public void onReceiverAsset(String assetCode, int assetScale) {
            if (!assetCode.equals(license.assetCode()) || assetScale != license.assetScale()) {
              throw new AssetMismatch(
                  "the receiver's asset "
                      + assetCode
                      + " (scale "
                      + assetScale
                      + ") differs from the licence's "
                      + license.assetCode()
                      + " (scale "
                      + license.assetScale()
                      + ")");
            }
          }

          @Override
          public void onReceipt(byte[] receipt, long delivered, long sent) {
            try {
              receipts.accept(Receipt.decode(receipt), delivered);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    try {
      PaymentResult result =
          sender.payNow(details.destinationAccount(), details.sharedSecret(), amount, listener);
      return result.delivered();
    } catch (StreamPaymentException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (e.getCause() instanceof AssetMismatch m) {
        throw new PaymentException(
            PaymentException.Reason.ASSET_MISMATCH, m.getMessage(), e.delivered(), 0);
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      PaymentException.Reason reason =
          e.ilpErrorCode().equals("T04")
              ? PaymentException.Reason.INSUFFICIENT_FUNDS
              : PaymentException.Reason.PAYMENT_FAILED;
      String message =
          reason == PaymentException.Reason.INSUFFICIENT_FUNDS
              ? "insufficient funds: the paying account could not cover the price ("
                  + e.getMessage()
                  + ")"
              : "the payment failed: " + e.getMessage();
      throw new PaymentException(reason, message, e.delivered(), 0, e);
    }
  }

  /** The receiver's asset is not the licence's: stop before the first money packet. */
  private static final class AssetMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AssetMismatch(String message) {
      super(message, null, false, false);
    }
  }
}
