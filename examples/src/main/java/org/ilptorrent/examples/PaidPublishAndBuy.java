package org.ilptorrent.examples;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.stream.wallet.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.ilptorrent.webtorrent.AddOptions;
import org.ilptorrent.webtorrent.PaidSeedOptions;
import org.ilptorrent.webtorrent.Payer;
import org.ilptorrent.webtorrent.PaymentPolicy;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.TorrentListener;
import org.ilptorrent.webtorrent.WebTorrent;

/**
 * The paid flow from two embedding applications: alice's client publishes a file at 0.25 USD
 * ({@link WebTorrent#seedPaid}), bob's client takes the magnet, pays over STREAM from his wallet
 * account up to a maximum price, and downloads. The services they need (a receipt verifier, a
 * wallet with both accounts, a tracker) run on 127.0.0.1 in this JVM; in real use they are
 * elsewhere and only their URLs and tokens are given.
 */
public final class PaidPublishAndBuy {
  private static final BigDecimal PRICE = new BigDecimal("0.25");

  private PaidPublishAndBuy() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("ilp-example-");
    Path file = dir.resolve("alice/lecture.bin");
    Files.createDirectories(file.getParent());
    byte[] data = new byte[2 << 20];
    new java.util.Random(3).nextBytes(data);
    Files.write(file, data);

    try (ReceiptVerifierServer verifier =
            ReceiptVerifierServer.builder().host("127.0.0.1").port(0).start();
        Wallet wallet =
            Wallet.builder()
                .host("127.0.0.1")
                .port(0)
                .account("alice", "USD", 9, 0)
                .account("bob", "USD", 9, 10_000_000_000L) // 10 USD
                .start();
        TrackerServer tracker =
            TrackerServer.builder()
                .host("127.0.0.1")
                .port(0)
                .allowVerifier(verifier.uri())
                .start()) {
      String announce = tracker.httpAnnounceUri().orElseThrow().toString();

      // alice publishes: her wallet is registered at the verifier, the torrent at the tracker
      try (WebTorrent alice = WebTorrent.builder().downloadFolder(file.getParent()).start()) {
        Torrent seeding =
            alice.seedPaid(
                file,
                PaidSeedOptions.builder()
                    .wallet(wallet.pointer("alice"))
                    .price(PRICE)
                    .assetCode("USD")
                    .verifier(verifier.uri())
                    .addTracker(announce)
                    .verifierToken(verifier.registrationToken().orElseThrow())
                    .trackerToken(tracker.registrationToken().orElseThrow())
                    .build());
        seeding.whenDone().get(); // her data is checked; she serves admitted peers from now on
        MagnetUri magnet = seeding.metadata().orElseThrow().toMagnetUri();
        System.out.println("alice publishes " + magnet);

        // bob pays up to the price he accepts, from his account, and downloads
        try (WebTorrent bob =
            WebTorrent.builder()
                .downloadFolder(dir.resolve("bob"))
                .paymentPolicy(PaymentPolicy.maxPrice(new BigDecimal("0.30"), "USD"))
                .payer(Payer.stream(wallet.ilpUrl(), wallet.token("bob")))
                .start()) {
          Torrent buying =
              bob.add(magnet.toString(), AddOptions.builder().listener(new Narrator()).build());
          buying.whenDone().get();
          Path got = dir.resolve("bob").resolve(buying.name());
          System.out.println(
              "bob has " + got + ", same bytes " + (Files.mismatch(file, got) == -1L));
        }
      }
      System.out.println(
          "balances: alice " + wallet.balance("alice") + ", bob " + wallet.balance("bob"));
    }
  }

  /** What bob's client tells its application, on the client's event thread. */
  private static final class Narrator implements TorrentListener {
    @Override
    public void onPaymentRequired(License license) {
      System.out.println(
          "payment required: " + license.price().toPlainString() + " " + license.assetCode());
    }

    @Override
    public void onPaid(long delivered) {
      System.out.println("paid " + delivered + " (receiver's units)");
    }

    @Override
    public void onAdmitted() {
      System.out.println("admitted by the tracker");
    }

    @Override
    public void onDone() {
      System.out.println("downloaded and verified");
    }
  }
}
