package org.ilptorrent.examples;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.stream.IlpOverHttpLink;
import org.ilptorrent.stream.PaymentResult;
import org.ilptorrent.stream.Spsp;
import org.ilptorrent.stream.StreamSender;
import org.ilptorrent.stream.wallet.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;

/**
 * A tracker, a receipt verifier and a wallet in one JVM, as a small self-hosted setup: the tracker
 * trusts the verifier, the wallet holds two accounts. It then shows the three working together the
 * way the paid flow uses them: alice's wallet pointer is registered at the verifier (which proxies
 * its SPSP with receipt headers), bob pays that proxy pointer over STREAM, each receipt is credited
 * to a fresh balance id at the verifier, and the price is spent from the balance as the tracker
 * does before it admits a peer.
 *
 * <p>Arguments: {@code [--check]}: with it, exits after the walk-through; without, keeps the
 * services running until Ctrl-C (use them with {@code ./ilp-torrent seed/download}).
 */
public final class ServicesInOneJvm {
  private ServicesInOneJvm() {}

  public static void main(String[] args) throws Exception {
    boolean check = List.of(args).contains("--check");
    try (ReceiptVerifierServer verifier =
            ReceiptVerifierServer.builder().host("127.0.0.1").port(0).start();
        Wallet wallet =
            Wallet.builder()
                .host("127.0.0.1")
                .port(0)
                .account("alice", "USD", 9, 0)
                .account("bob", "USD", 9, 5_000_000_000L)
                .start();
        TrackerServer tracker =
            TrackerServer.builder()
                .host("127.0.0.1")
                .port(0)
                .allowVerifier(verifier.uri())
                .start()) {
      System.out.println("verifier " + verifier.uri());
      System.out.println("wallet " + wallet.uri() + " ilp " + wallet.ilpUrl());
      System.out.println(
          "tracker " + tracker.webSocketUri() + " " + tracker.httpAnnounceUri().orElseThrow());

      ReceiptVerifierClient client =
          ReceiptVerifierClient.builder(verifier.uri())
              .registrationToken(verifier.registrationToken().orElseThrow())
              .build();
      PaymentPointer proxy = client.registerPointer(wallet.pointer("alice"));
      System.out.println("alice's proxy pointer " + proxy);

      // bob pays 1000 units to the proxy pointer; each receipt is credited as it arrives
      String balanceId = UUID.randomUUID().toString();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      Spsp.Details spsp = Spsp.query(proxy, http, Duration.ofSeconds(10));
      System.out.println("receipts enabled " + spsp.receiptsEnabled());
      long[] credited = {0};
      PaymentResult paid =
          new StreamSender(new IlpOverHttpLink(wallet.ilpUrl(), wallet.token("bob")))
              .payNow(
                  spsp.destinationAccount(),
                  spsp.sharedSecret(),
                  1000,
                  new StreamSender.Listener() {
                    @Override
                    public void onReceipt(byte[] receipt, long delivered, long sent) {
                      try {
                        credited[0] = client.creditReceipt(balanceId, Receipt.decode(receipt));
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }
                  });
      System.out.println(
          "delivered " + paid.delivered() + ", balance at the verifier " + credited[0]);
      // the tracker's spend names the pointer the licence pays (alice's proxy pointer)
      System.out.println(
          "spent 1000, left " + client.spend(balanceId, 1000, proxy.toString(), null));
      System.out.println("alice's wallet balance " + wallet.balance("alice"));
      System.out.println("tracker torrents " + tracker.stats().torrents());
      if (!check) {
        System.out.println("running; Ctrl-C stops");
        new CountDownLatch(1).await();
      }
    }
  }
}
