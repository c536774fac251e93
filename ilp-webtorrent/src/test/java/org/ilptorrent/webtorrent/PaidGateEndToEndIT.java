package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.magnet.License;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.ilptorrent.tracker.client.TrackerClient;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.client.TrackerListener;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.UnknownBalanceException;
import org.ilptorrent.webtorrent.internal.pay.PaymentState;
import org.ilptorrent.webtorrent.internal.pay.PaymentStateFile;
import org.ilptorrent.webtorrent.internal.pay.StreamPayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole paid flow on 127.0.0.1 against a {@link WebTorrent#seedPaid} seeder, its tracker's
 * access tickets and a real verifier and wallet: who did not pay the price gets no piece, counted
 * in bytes the seeder uploaded and the client verified, even when it connects straight to the
 * seeder's port; and the time from {@code payment required} to the first verified piece of a paid
 * 64 MiB download.
 */
class PaidGateEndToEndIT {
  /** How long to wait for counters that have no event to wait on. */
  private static final Duration WAIT = Duration.ofSeconds(30);

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

  private InetSocketAddress seederAddress() {
    return Swarms.address(swarm.seeder);
  }

  @Test
  void anUnpaidClientConnectedStraightToTheSeederGetsNoPiece() throws Exception {
    CountDownLatch decided = new CountDownLatch(1);
    // A client that has not paid (its policy has not answered yet), given the seeder's address.
    try (WebTorrent mallory =
        WebTorrent.builder()
            .downloadFolder(dir.resolve("mallory"))
            .paymentPolicy(
                license -> {
                  try {
                    decided.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return false;
                })
            .payer(Payer.stream(swarm.wallet.ilpUrl(), swarm.wallet.token("erin")))
            .start()) {
      Torrent t =
          mallory.add(swarm.magnet(), AddOptions.builder().addPeer(seederAddress()).build());
      Await.until("connected to the seeder", WAIT, () -> t.progress().peers() >= 1);
      // The seeder closes a connection that shows no ticket within 10 s.
      Await.until("closed by the seeder", WAIT, () -> t.progress().peers() == 0);
      assertThat(t.progress().verifiedBytes()).isZero();
      assertThat(t.progress().downloaded()).isZero();
      assertThat(t.metadata()).as("not even the metadata").isEmpty();
      decided.countDown();
    }
    assertThat(swarm.seed.progress().uploaded()).isZero();
    assertThat(swarm.wallet.balance("erin")).isEqualTo(1_000_000);
  }

  @Test
  void tooLittleBalanceGetsNoPieceNorPeersNorTicket() throws Exception {
    Path down = dir.resolve("carol");
    try (WebTorrent carol =
        WebTorrent.builder()
            .downloadFolder(down)
            .paymentPolicy(PaymentPolicy.maxPrice(new BigDecimal("0.01"), "USD"))
            .payer(
                new StreamPayer(
                    swarm.wallet.ilpUrl(), swarm.wallet.token("carol"), Duration.ofSeconds(30), 2))
            .start()) {
      Torrent t = carol.add(swarm.magnet(), AddOptions.builder().addPeer(seederAddress()).build());
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> t.whenDone().get(60, TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(PaymentException.class);
      assertThat(((PaymentException) e.getCause()).reason())
          .isEqualTo(PaymentException.Reason.INSUFFICIENT_FUNDS);
      assertThat(t.progress().verifiedBytes()).isZero();
      assertThat(t.progress().downloaded()).isZero();
    }
    assertThat(swarm.seed.progress().uploaded()).isZero();
    // The 3,000 it credited do not buy the 50,000 price: announcing them, even as a seeder that
    // completed, gets neither peers nor a ticket.
    PaymentState state = new PaymentStateFile(down, swarm.torrent.infoHash()).read().orElseThrow();
    assertThat(state.credited()).isEqualTo(3_000);
    String answer = httpAnnounce("&left=0&event=completed&requestId=" + state.balanceId());
    // (HTTP answers a refused spend as it answers no balance: payment required, with the licence)
    assertThat(answer)
        .contains("14:failure reason16:payment required")
        .doesNotContain("5:peers", "access ticket");
  }

  @Test
  void announcingLeftZeroOrCompletedWithoutPayingGetsNoPeersNorTicket() throws Exception {
    assertThat(httpAnnounce("&left=0&event=completed"))
        .contains("payment required")
        .doesNotContain("5:peers", "access ticket");
    assertThat(httpAnnounce("&left=0"))
        .contains("payment required")
        .doesNotContain("5:peers", "access ticket");

    // The same over WebSocket, through our tracker client posing as a seeder (left=0) with a key.
    List<String> heard = new CopyOnWriteArrayList<>();
    CountDownLatch required = new CountDownLatch(1);
    try (TrackerClient client =
        TrackerClient.builder()
            .infoHash(swarm.torrent.infoHash())
            .announce(List.of(swarm.tracker.webSocketUri()))
            .listener(
                new TrackerListener() {
                  @Override
                  public void onPaymentRequired(URI tracker, License license) {
                    heard.add("required");
                    required.countDown();
                  }

                  @Override
                  public void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {
                    heard.add("ticket");
                  }

                  @Override
                  public void onAnnounced(
                      URI tracker, int complete, int incomplete, Duration interval) {
                    heard.add("announced");
                  }
                })
            .options(
                TrackerClientOptions.builder()
                    .stats(AnnounceStats.seeding(0, 300_000))
                    .leecherKey(AccessKeys.generate().getPublic())
                    .build())
            .build()) {
      client.start();
      assertThat(required.await(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(heard).containsOnly("required");
    assertThat(swarm.seed.progress().uploaded()).isZero();
  }

  @Test
  void aClientReplayingAnotherClientsReceiptIsRefusedAndGetsNothing() throws Exception {
    // bob pays and downloads; every receipt his payment produced is kept.
    List<Receipt> bobsReceipts = new CopyOnWriteArrayList<>();
    Payer real = Payer.stream(swarm.wallet.ilpUrl(), swarm.wallet.token("bob"));
    Payer recording =
        (license, amount, receipts) ->
            real.pay(
                license,
                amount,
                (receipt, delivered) -> {
                  bobsReceipts.add(receipt);
                  receipts.accept(receipt, delivered);
                });
    try (WebTorrent bob =
        WebTorrent.builder()
            .downloadFolder(dir.resolve("bob"))
            .paymentPolicy(PaymentPolicy.maxPrice(new BigDecimal("0.01"), "USD"))
            .payer(recording)
            .start()) {
      Swarms.awaitDone(bob.add(swarm.magnet(), AddOptions.defaults()));
    }
    assertThat(bobsReceipts).isNotEmpty();
    long uploadedToBob = swarm.seed.progress().uploaded();
    assertThat(uploadedToBob).isGreaterThanOrEqualTo(300_000);

    // mallory credits bob's receipts to her own balance: the verifier refuses every one.
    String mallorysBalance = UUID.randomUUID().toString();
    for (Receipt r : bobsReceipts) {
      assertThatThrownBy(() -> swarm.verifierClient.creditReceipt(mallorysBalance, r))
          .isInstanceOf(InvalidReceiptException.class);
    }
    assertThatThrownBy(
            () -> swarm.verifierClient.spend(mallorysBalance, 0, swarm.proxy.toString(), null))
        .isInstanceOf(UnknownBalanceException.class);

    // Her client claims, in its payment state, to have paid into that balance, and is pointed
    // straight at the seeder: the tracker's spend fails, so no ticket, no admission, no piece.
    Path down = dir.resolve("mallory");
    new PaymentStateFile(down, swarm.torrent.infoHash())
        .write(
            PaymentState.fresh(mallorysBalance, swarm.license, PaymentState.LeecherKey.generate())
                .delivered(PaidSwarm.PRICE, bobsReceipts.get(0).toBase64(), 0)
                .credited(PaidSwarm.PRICE));
    try (WebTorrent mallory =
        WebTorrent.builder()
            .downloadFolder(down)
            .paymentPolicy(PaymentPolicy.maxPrice(new BigDecimal("0.01"), "USD"))
            .admissionTimeout(Duration.ofSeconds(12))
            .start()) {
      Torrent t =
          mallory.add(swarm.magnet(), AddOptions.builder().addPeer(seederAddress()).build());
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> t.whenDone().get(60, TimeUnit.SECONDS));
      assertThat(e.getCause()).isInstanceOf(PaymentException.class);
      assertThat(t.progress().verifiedBytes()).isZero();
      assertThat(t.progress().downloaded()).isZero();
    }
    assertThat(swarm.seed.progress().uploaded()).isEqualTo(uploadedToBob);
    assertThat(
            Files.exists(down.resolve("film.bin"))
                && Files.mismatch(down.resolve("film.bin"), swarm.content.resolve("film.bin"))
                    == -1)
        .as("mallory has no copy of the file")
        .isFalse();
    assertThat(swarm.wallet.balance("bob")).isEqualTo(1_000_000 - PaidSwarm.PRICE);
    assertThat(swarm.wallet.balance("alice")).isEqualTo(PaidSwarm.PRICE);
  }

  @Test
  void aPaid64MibDownloadGetsItsFirstPieceSoonAfterPaymentRequired() throws Exception {
    swarm.close();
    swarm = new PaidSwarm(dir.resolve("big"), 64L << 20);
    long[] required = {0};
    long[] firstPiece = {0};
    long[] admitted = {0};
    TorrentListener timing =
        new TorrentListener() {
          @Override
          public void onPaymentRequired(License license) {
            required[0] = System.nanoTime();
          }

          @Override
          public void onAdmitted() {
            admitted[0] = System.nanoTime();
          }

          @Override
          public void onPieceVerified(int piece) {
            if (firstPiece[0] == 0) {
              firstPiece[0] = System.nanoTime();
            }
          }
        };
    long start = System.nanoTime();
    Path down = dir.resolve("big-down");
    try (WebTorrent bob =
        swarm.leecher(down, "bob", PaymentPolicy.maxPrice(new BigDecimal("0.01"), "USD"))) {
      Torrent t = bob.add(swarm.magnet(), AddOptions.builder().listener(timing).build());
      Swarms.awaitDone(t);
    }
    long done = System.nanoTime();
    Swarms.assertSameFiles(swarm.content, down);
    assertThat(swarm.wallet.balance("bob")).isEqualTo(1_000_000 - PaidSwarm.PRICE);
    assertThat(swarm.wallet.balance("alice")).isEqualTo(PaidSwarm.PRICE);
    System.out.printf(
        "paid 64 MiB on loopback: payment required -> admitted %d ms, -> first verified piece"
            + " %d ms; whole download %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(admitted[0] - required[0]),
        TimeUnit.NANOSECONDS.toMillis(firstPiece[0] - required[0]),
        TimeUnit.NANOSECONDS.toMillis(done - start));
  }

  /**
   * A raw HTTP announce of the paid torrent by a peer with a fresh leecher key, plus {@code extra}.
   */
  private String httpAnnounce(String extra) throws IOException, InterruptedException {
    StringBuilder hash = new StringBuilder();
    for (byte b : swarm.torrent.infoHash().toBytes()) {
      hash.append(String.format("%%%02X", b & 0xFF));
    }
    String url =
        swarm.trackerUri()
            + "?info_hash="
            + hash
            + "&peer_id="
            + "m".repeat(20)
            + "&port=7001&compact=1&leecher_key="
            + AccessKeys.toHex(AccessKeys.generate().getPublic())
            + extra;
    return new String(
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body(),
        StandardCharsets.ISO_8859_1);
  }
}
