package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.webtorrent.internal.pay.StreamPayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A buyer pays a paid torrent and downloads it, with a real verifier, wallet, tracker and seeder on
 * 127.0.0.1; and every way it must not pay (a refusing policy, a licence that does not match the
 * magnet) or cannot pay (too little money) ends the torrent with a clear error and nothing more
 * spent.
 */
class PaidDownloadIT {
  @TempDir Path dir;
  private PaidSwarm swarm;

  @BeforeEach
  void start() throws Exception {
    swarm = new PaidSwarm(dir);
  }

  @AfterEach
  void stop() throws Exception {
    swarm.close();
  }

  /** Events as text, in order. */
  static final class Events implements TorrentListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onPaymentRequired(License license) {
      seen.add("required " + license.amount());
    }

    @Override
    public void onPaying(long paid, long price) {
      seen.add("paying " + paid + "/" + price);
    }

    @Override
    public void onPaid(long delivered) {
      seen.add("paid " + delivered);
    }

    @Override
    public void onReceiptsCredited(long credited) {
      seen.add("credited " + credited);
    }

    @Override
    public void onAdmitted() {
      seen.add("admitted");
    }
  }

  private static PaymentPolicy upTo(String price) {
    return PaymentPolicy.maxPrice(new BigDecimal(price), "USD");
  }

  @Test
  void aPayingClientGetsTheFileAndIsChargedThePriceOnce() throws Exception {
    Path down = dir.resolve("down");
    Events events = new Events();
    try (WebTorrent bob = swarm.leecher(down, "bob", upTo("0.01"))) {
      Torrent t = bob.add(swarm.magnet(), AddOptions.builder().listener(events).build());
      Swarms.awaitDone(t);
    }
    Swarms.assertSameFiles(swarm.content, down);
    assertThat(swarm.wallet.balance("bob")).isEqualTo(1_000_000 - PaidSwarm.PRICE);
    assertThat(swarm.wallet.balance("alice")).isEqualTo(PaidSwarm.PRICE);
    assertThat(events.seen)
        .startsWith("required " + PaidSwarm.PRICE, "paying 0/" + PaidSwarm.PRICE)
        .contains("paid " + PaidSwarm.PRICE, "credited " + PaidSwarm.PRICE, "admitted");
    assertThat(events.seen.indexOf("admitted")).isGreaterThan(events.seen.indexOf("paid 50000"));

    Path state =
        down.resolve(".ilp-torrent").resolve(swarm.torrent.infoHash().toHex() + ".payment");
    assertThat(Files.getPosixFilePermissions(state))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    // A new client on the same folder (as after a restart), with the data gone: it announces the
    // stored balance, the tracker remembers the entitlement, and nothing more is paid.
    Files.delete(down.resolve("film.bin"));
    Events again = new Events();
    try (WebTorrent bob = swarm.leecher(down, "bob", upTo("0.01"))) {
      Torrent t = bob.add(swarm.magnet(), AddOptions.builder().listener(again).build());
      Swarms.awaitDone(t);
      // close() + add() on the same client: the same
      t.remove();
      Torrent readded = bob.add(swarm.magnet(), AddOptions.defaults());
      Swarms.awaitDone(readded);
    }
    Swarms.assertSameFiles(swarm.content, down);
    assertThat(again.seen).noneMatch(e -> e.startsWith("paying") || e.startsWith("required"));
    assertThat(swarm.wallet.balance("bob")).isEqualTo(1_000_000 - PaidSwarm.PRICE);
    assertThat(swarm.wallet.balance("alice")).isEqualTo(PaidSwarm.PRICE);
  }

  @Test
  void twoTrackersOfTheTorrentAskOnceAndThePriceIsPaidOnce() throws Exception {
    // the same tracker over WebSocket and HTTP: two announces, two payment requests, one payment
    MagnetUri magnet =
        swarm.magnet().toBuilder().addTracker(swarm.tracker.webSocketUri().toString()).build();
    Path down = dir.resolve("down");
    Events events = new Events();
    try (WebTorrent bob = swarm.leecher(down, "bob", upTo("0.01"))) {
      Torrent t = bob.add(magnet, AddOptions.builder().listener(events).build());
      Swarms.awaitDone(t);
    }
    Swarms.assertSameFiles(swarm.content, down);
    assertThat(events.seen.stream().filter(e -> e.startsWith("required"))).hasSize(1);
    assertThat(swarm.wallet.balance("bob")).isEqualTo(1_000_000 - PaidSwarm.PRICE);
  }

  @Test
  void theDefaultPolicyRefusesAndMovesNoMoney() throws Exception {
    Path down = dir.resolve("down");
    try (WebTorrent bob =
        WebTorrent.builder()
            .downloadFolder(down)
            .payer(Payer.stream(swarm.wallet.ilpUrl(), swarm.wallet.token("bob")))
            .start()) {
      Torrent t = bob.add(swarm.magnet(), AddOptions.defaults());
      PaymentException e = failure(t);
      assertThat(e.reason()).isEqualTo(PaymentException.Reason.REFUSED);
      assertThat(e.getMessage())
          .startsWith("payment required: 0.000050000 USD")
          .contains(swarm.proxy.toString());
      assertThat(e.paid()).isZero();
    }
    assertThat(swarm.wallet.balance("bob")).isEqualTo(1_000_000);
    assertThat(swarm.wallet.balance("alice")).isZero();
    assertThat(down.resolve(".ilp-torrent")).doesNotExist();
  }

  @Test
  void tooLittleMoneyEndsWithInsufficientFundsAndCreditsWhatWasPaid() throws Exception {
    Path down = dir.resolve("down");
    try (WebTorrent carol =
        WebTorrent.builder()
            .downloadFolder(down)
            .paymentPolicy(upTo("0.01"))
            .payer(
                new StreamPayer(
                    swarm.wallet.ilpUrl(), swarm.wallet.token("carol"), Duration.ofSeconds(30), 2))
            .start()) {
      Torrent t = carol.add(swarm.magnet(), AddOptions.defaults());
      PaymentException e = failure(t);
      assertThat(e.reason()).isEqualTo(PaymentException.Reason.INSUFFICIENT_FUNDS);
      assertThat(e.getMessage()).startsWith("insufficient funds");
      assertThat(e.paid()).isEqualTo(3_000);
      assertThat(e.credited()).isEqualTo(3_000);
    }
    assertThat(swarm.wallet.balance("carol")).isZero();
    assertThat(swarm.wallet.balance("alice")).isEqualTo(3_000);
  }

  @Test
  void aPayerInAnotherAssetMovesNoMoney() throws Exception {
    // dave pays from EUR into alice's USD account: the wallet routes no cross-asset packet
    Path down = dir.resolve("down");
    try (WebTorrent dave = swarm.leecher(down, "dave", upTo("0.01"))) {
      Torrent t = dave.add(swarm.magnet(), AddOptions.defaults());
      PaymentException e = failure(t);
      assertThat(e.reason()).isEqualTo(PaymentException.Reason.PAYMENT_FAILED);
      assertThat(e.paid()).isZero();
    }
    assertThat(swarm.wallet.balance("dave")).isEqualTo(1_000_000);
    assertThat(swarm.wallet.balance("alice")).isZero();
  }

  @Test
  void aTrackerLicenceThatDiffersFromTheMagnetStopsTheTorrent() throws Exception {
    PaymentPointer other = PaymentPointer.parse(swarm.verifier.uri() + "/spsp/" + "ab".repeat(32));
    MagnetUri magnet = swarm.magnet().toBuilder().paymentPointer(other).build();
    Path down = dir.resolve("down");
    try (WebTorrent bob = swarm.leecher(down, "bob", upTo("0.01"))) {
      Torrent t = bob.add(magnet, AddOptions.defaults());
      PaymentException e = failure(t);
      assertThat(e.reason()).isEqualTo(PaymentException.Reason.LICENSE_MISMATCH);
      assertThat(e.getMessage()).contains(other.toString()).contains(swarm.proxy.toString());
    }
    assertThat(swarm.wallet.balance("bob")).isEqualTo(1_000_000);
  }

  private static PaymentException failure(Torrent t) throws Exception {
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> t.whenDone().get(60, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(PaymentException.class);
    return (PaymentException) e.getCause();
  }
}
