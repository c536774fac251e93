package org.ilptorrent.cli.internal;

import java.util.function.Consumer;
import org.ilptorrent.magnet.License;
import org.ilptorrent.webtorrent.TorrentListener;

/**
 * The demo buyer's payment events, one line each as they happen: payment required, paying, paid,
 * receipts credited, admitted, and the first piece. Called on the client's event thread; it only
 * prints.
 */
final class BuyerEvents implements TorrentListener {
  private final Consumer<String> lines;
  private volatile License license;
  private volatile long paymentRequiredNanos;
  private volatile long firstPieceNanos;
  private volatile boolean admitted;
  private volatile long delivered;
  private volatile long credited;
  private boolean payingShown;
  private boolean creditShown;

  BuyerEvents(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public void onPaymentRequired(License l) {
    license = l;
    paymentRequiredNanos = System.nanoTime();
    lines.accept(
        "payment required "
            + l.price().toPlainString()
            + " "
            + l.assetCode()
            + " to "
            + l.paymentPointer());
  }

  @Override
  public void onPaying(long paid, long price) {
    if (!payingShown) {
      payingShown = true;
      lines.accept("paying " + Demo.money(price) + " from bob's wallet over STREAM");
    }
  }

  @Override
  public void onPaid(long total) {
    delivered = total;
    lines.accept("paid " + Demo.money(total) + " (what alice's wallet's receipts attest)");
  }

  @Override
  public void onReceiptsCredited(long total) {
    credited = total;
    License l = license;
    if (!creditShown
        && l != null
        && java.math.BigInteger.valueOf(total).compareTo(l.amount()) >= 0) {
      creditShown = true;
      lines.accept("receipts credited " + Demo.money(total) + " to bob's balance at the verifier");
    }
  }

  @Override
  public void onAdmitted() {
    admitted = true;
    lines.accept("admitted by the tracker: bob gets peers and an access ticket");
  }

  @Override
  public void onPieceVerified(int piece) {
    if (firstPieceNanos == 0) {
      firstPieceNanos = System.nanoTime();
      if (paymentRequiredNanos != 0) {
        lines.accept(
            String.format(
                "first piece %.2f s after payment required",
                (firstPieceNanos - paymentRequiredNanos) / 1e9));
      }
    }
  }

  boolean admitted() {
    return admitted;
  }

  long delivered() {
    return delivered;
  }

  long credited() {
    return credited;
  }
}
