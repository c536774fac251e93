package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.stream.wallet.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.ilptorrent.webtorrent.PaidSeedOptions;
import org.ilptorrent.webtorrent.WebTorrent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pay} and {@code download} of a paid torrent, in-process against a real verifier, wallet,
 * tracker and seeder on 127.0.0.1: money moves only after every check passed, and a paid torrent
 * without payment options ends at once with the price instead of waiting.
 */
class PaidCommandsIT {
  @TempDir Path dir;
  private Wallet wallet;
  private ReceiptVerifierServer verifier;
  private PaymentPointer proxy;

  @BeforeEach
  void start() throws Exception {
    wallet =
        Wallet.builder().account("alice", "USD", 9, 0).account("bob", "USD", 9, 1_000_000).start();
    verifier = ReceiptVerifierServer.builder().start();
    proxy =
        ReceiptVerifierClient.builder(verifier.uri())
            .registrationToken(verifier.registrationToken().orElseThrow())
            .build()
            .registerPointer(wallet.pointer("alice"));
  }

  @AfterEach
  void stop() throws Exception {
    verifier.close();
    wallet.close();
  }

  @Test
  void payChecksTheBalanceIdBeforeAnyMoneyMoves() {
    CliRun run =
        CliRun.of(
            "pay",
            proxy.toString(),
            "5000",
            "--ilp",
            wallet.ilpUrl().toString(),
            "--token",
            wallet.token("bob"),
            "--verifier",
            verifier.uri().toString(),
            "--balance-id",
            "not a balance id!");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--balance-id");
    assertThat(wallet.balance("bob")).isEqualTo(1_000_000);
    assertThat(wallet.balance("alice")).isZero();
  }

  @Test
  void payChecksTheVerifierIsReachableBeforeAnyMoneyMoves() throws Exception {
    String unreachable;
    try (ReceiptVerifierServer gone = ReceiptVerifierServer.builder().start()) {
      unreachable = gone.uri().toString();
    }
    CliRun run =
        CliRun.of(
            "pay",
            proxy.toString(),
            "5000",
            "--ilp",
            wallet.ilpUrl().toString(),
            "--token",
            wallet.token("bob"),
            "--verifier",
            unreachable,
            "--balance-id",
            UUID.randomUUID().toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ilp-torrent: cannot reach the verifier at "
                + unreachable
                + ": connection refused; nothing paid\n");
    assertThat(wallet.balance("bob")).isEqualTo(1_000_000);
  }

  @Test
  void payCreditsEveryReceiptAndReportsTheBalance() {
    CliRun run =
        CliRun.of(
            "pay",
            proxy.toString(),
            "5000",
            "--ilp",
            wallet.ilpUrl().toString(),
            "--token",
            wallet.token("bob"),
            "--verifier",
            verifier.uri().toString(),
            "--balance-id",
            UUID.randomUUID().toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly("delivered 5000", "balance 5000");
    assertThat(wallet.balance("bob")).isEqualTo(1_000_000 - 5000);
  }

  @Test
  void downloadPaysUpToMaxPriceThenDownloads() throws Exception {
    try (PaidSeed seed = new PaidSeed()) {
      Path out = dir.resolve("out");
      CliRun run =
          CliRun.of(
              "download",
              seed.magnet(),
              "--out",
              out.toString(),
              "--ilp",
              wallet.ilpUrl().toString(),
              "--token",
              wallet.token("bob"),
              "--max-price",
              "0.01");
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("done " + out.resolve("film.bin"));
      assertThat(run.err())
          .contains("licence: 0.000050000 USD to " + proxy)
          .contains("payment: paid 50000 of 50000 USD");
      assertThat(Files.readAllBytes(out.resolve("film.bin")))
          .isEqualTo(Files.readAllBytes(seed.file));
      assertThat(wallet.balance("bob")).isEqualTo(1_000_000 - 50_000);
    }
  }

  @Test
  void downloadWithoutPaymentOptionsNamesThePriceAndExits2() throws Exception {
    try (PaidSeed seed = new PaidSeed()) {
      CliRun run = CliRun.of("download", seed.magnet(), "--out", dir.resolve("out").toString());
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("payment required: 0.000050000 USD to " + proxy);
      assertThat(wallet.balance("bob")).isEqualTo(1_000_000);
    }
  }

  @Test
  void downloadAboveMaxPriceNamesThePriceAndPaysNothing() throws Exception {
    try (PaidSeed seed = new PaidSeed()) {
      CliRun run =
          CliRun.of(
              "download",
              seed.magnet(),
              "--out",
              dir.resolve("out").toString(),
              "--ilp",
              wallet.ilpUrl().toString(),
              "--token",
              wallet.token("bob"),
              "--max-price",
              "0.00001");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .contains("payment required: 0.000050000 USD to " + proxy)
          .contains("above --max-price 0.00001");
      assertThat(wallet.balance("bob")).isEqualTo(1_000_000);
    }
  }

  /**
   * A tracker allowing the verifier and alice's {@code seedPaid} seeder of a 0.00005 USD torrent,
   * registered with both operators' tokens; it serves only peers with an access ticket.
   */
  private final class PaidSeed implements AutoCloseable {
    final TrackerServer tracker;
    final WebTorrent seeder;
    final TorrentInfo torrent;
    final Path file;

    PaidSeed() throws Exception {
      tracker = TrackerServer.builder().allowVerifier(verifier.uri()).start();
      Path content = dir.resolve("seed");
      file = content.resolve("film.bin");
      Files.createDirectories(content);
      byte[] data = new byte[200_000];
      new Random(3).nextBytes(data);
      Files.write(file, data);
      seeder = WebTorrent.builder().downloadFolder(dir.resolve("unused")).start();
      torrent =
          seeder
              .seedPaid(
                  file,
                  PaidSeedOptions.builder()
                      .wallet(wallet.pointer("alice"))
                      .price(new BigDecimal("0.00005"))
                      .verifier(verifier.uri())
                      .addTracker(tracker.httpAnnounceUri().orElseThrow().toString())
                      .verifierToken(verifier.registrationToken().orElseThrow())
                      .trackerToken(tracker.registrationToken().orElseThrow())
                      .stateFolder(dir.resolve("seed-state"))
                      .build())
              .metadata()
              .orElseThrow();
    }

    String magnet() {
      MagnetUri m = torrent.toMagnetUri();
      String http = tracker.httpAnnounceUri().orElseThrow().toString();
      return (m.announce().contains(http) ? m : m.toBuilder().addTracker(http).build()).toString();
    }

    @Override
    public void close() {
      seeder.close();
      tracker.close();
    }
  }
}
