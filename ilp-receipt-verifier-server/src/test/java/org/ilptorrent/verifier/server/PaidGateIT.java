package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.IdempotencyKeyReusedException;
import org.ilptorrent.verifier.InsufficientBalanceException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.UnknownBalanceException;
import org.ilptorrent.verifier.VerifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Balances bound to the pointer that was paid, and idempotent spends, against a real server on
 * 127.0.0.1: receipts a wallet mints for itself pay only that wallet's bucket.
 */
class PaidGateIT {
  private static final byte[] SEED = new byte[32];
  private final HttpClient http = HttpClient.newHttpClient();

  /** An attacker's own SPSP endpoint: answers receipts_enabled and keeps what the verifier sent. */
  static final class AttackerWallet implements AutoCloseable {
    record Captured(byte[] nonce, byte[] secret) {}

    final HttpServer server;
    final LinkedBlockingQueue<Captured> captured = new LinkedBlockingQueue<>();

    AttackerWallet() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String nonce = exchange.getRequestHeaders().getFirst("Receipt-Nonce");
            String secret = exchange.getRequestHeaders().getFirst("Receipt-Secret");
            if (nonce != null && secret != null) {
              captured.add(
                  new Captured(
                      Base64.getDecoder().decode(nonce), Base64.getDecoder().decode(secret)));
            }
            byte[] body =
                ("{\"destination_account\":\"test.mallory\",\"shared_secret\":\""
                        + Base64.getEncoder().encodeToString(new byte[32])
                        + "\",\"receipts_enabled\":true}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/spsp4+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
    }

    String pointer() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/mallory";
    }

    Captured take() throws InterruptedException {
      Captured c = captured.poll(10, TimeUnit.SECONDS);
      assertThat(c).as("the verifier sent a receipt secret").isNotNull();
      return c;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static ReceiptVerifierServer start(String store, Path dir) throws Exception {
    ReceiptVerifierServer.Builder b = ReceiptVerifierServer.builder().seed(SEED);
    if (store.equals("journal")) {
      b.dataDirectory(dir);
    }
    return b.start();
  }

  private static ReceiptVerifierClient operator(ReceiptVerifierServer server) {
    return ReceiptVerifierClient.builder(server.uri())
        .registrationToken(server.registrationToken().orElseThrow())
        .build();
  }

  private void spsp(PaymentPointer proxy) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(proxy.toUrl())
                .header("Accept", "application/spsp4+json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  private static String hash(PaymentPointer proxy) {
    return proxy.toUrl().getPath().substring("/spsp/".length());
  }

  @Test
  void receiptsMintedByTheirOwnWalletCannotPayForAnotherPointer() throws Exception {
    try (SpspTestWallet publisher = new SpspTestWallet();
        AttackerWallet mallory = new AttackerWallet();
        ReceiptVerifierServer server =
            ReceiptVerifierServer.builder().seed(SEED).openRegistration(true).start()) {
      ReceiptVerifierClient anyone = ReceiptVerifierClient.builder(server.uri()).build();
      PaymentPointer victim = anyone.registerPointer(PaymentPointer.parse(publisher.pointer()));
      PaymentPointer own = anyone.registerPointer(PaymentPointer.parse(mallory.pointer()));

      spsp(own);
      AttackerWallet.Captured c = mallory.take();
      String id = UUID.randomUUID().toString();
      long minted = 1_000_000_000_000_000L;
      assertThat(anyone.creditReceipt(id, Receipt.create(c.nonce(), 1, minted, c.secret())))
          .isEqualTo(minted);

      for (String named : List.of(victim.toString(), hash(victim))) {
        assertThatThrownBy(() -> anyone.spend(id, 50, named, null))
            .isInstanceOf(UnknownBalanceException.class);
      }
      assertThat(anyone.spend(id, 50, own.toString(), null)).isEqualTo(minted - 50);
      // Without a pointer nothing is spent at all.
      assertThatThrownBy(() -> anyone.spend(id, 50))
          .isInstanceOf(VerifierException.class)
          .hasMessage("payment pointer required");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "journal"})
  void bucketsAreSeparateAndNamedByHashOrPointer(String store, @TempDir Path dir) throws Exception {
    try (SpspTestWallet a = new SpspTestWallet();
        SpspTestWallet b = new SpspTestWallet();
        ReceiptVerifierServer server = start(store, dir)) {
      ReceiptVerifierClient client = operator(server);
      PaymentPointer pa = client.registerPointer(PaymentPointer.parse(a.pointer()));
      PaymentPointer pb = client.registerPointer(PaymentPointer.parse(b.pointer()));
      String id = UUID.randomUUID().toString();
      spsp(pa);
      SpspTestWallet.Issued na = a.takeIssued();
      spsp(pb);
      SpspTestWallet.Issued nb = b.takeIssued();
      assertThat(client.creditReceipt(id, Receipt.create(na.nonce(), 1, 100, na.secret())))
          .isEqualTo(100);
      assertThat(client.creditReceipt(id, Receipt.create(nb.nonce(), 1, 7, nb.secret())))
          .isEqualTo(7);

      assertThatThrownBy(() -> client.spend(id, 8, pb.toString(), null))
          .isInstanceOf(InsufficientBalanceException.class);
      assertThat(client.spend(id, 8, hash(pa), null)).isEqualTo(92);
      // The wallet's own pointer text names the same bucket as its proxy pointer.
      assertThat(client.spend(id, 2, a.pointer(), null)).isEqualTo(90);
      assertThat(client.spend(id, 7, "$127.0.0.1/spsp/" + hash(pb), null)).isZero();
    }
  }

  @Test
  void unboundSpendsTakeFromTheSumOfBucketsOnlyWhenSwitchedOn() throws Exception {
    try (SpspTestWallet a = new SpspTestWallet();
        SpspTestWallet b = new SpspTestWallet();
        ReceiptVerifierServer server =
            ReceiptVerifierServer.builder().seed(SEED).unboundSpends(true).start()) {
      ReceiptVerifierClient client = operator(server);
      PaymentPointer pa = client.registerPointer(PaymentPointer.parse(a.pointer()));
      PaymentPointer pb = client.registerPointer(PaymentPointer.parse(b.pointer()));
      String id = UUID.randomUUID().toString();
      spsp(pa);
      SpspTestWallet.Issued na = a.takeIssued();
      spsp(pb);
      SpspTestWallet.Issued nb = b.takeIssued();
      client.creditReceipt(id, Receipt.create(na.nonce(), 1, 60, na.secret()));
      client.creditReceipt(id, Receipt.create(nb.nonce(), 1, 40, nb.secret()));

      assertThat(client.spend(id, 70)).isEqualTo(30);
      assertThatThrownBy(() -> client.spend(id, 31))
          .isInstanceOf(InsufficientBalanceException.class);
      assertThat(client.spend(id, 30, hash(pb), null)).isZero();
      assertThat(client.spend(id, 0)).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "journal"})
  void aRepeatedIdempotencyKeyDebitsOnce(String store, @TempDir Path dir) throws Exception {
    try (SpspTestWallet wallet = new SpspTestWallet();
        ReceiptVerifierServer server = start(store, dir)) {
      ReceiptVerifierClient client = operator(server);
      PaymentPointer proxy = client.registerPointer(PaymentPointer.parse(wallet.pointer()));
      String pointer = proxy.toString();
      spsp(proxy);
      SpspTestWallet.Issued n = wallet.takeIssued();
      String id = UUID.randomUUID().toString();
      client.creditReceipt(id, Receipt.create(n.nonce(), 1, 100, n.secret()));

      assertThat(client.spend(id, 30, pointer, "k1")).isEqualTo(70);
      assertThat(client.spend(id, 30, pointer, "k1")).isEqualTo(70);
      assertThat(client.spend(id, 30, hash(proxy), "k1")).as("same pointer by hash").isEqualTo(70);
      assertThat(client.spend(id, 0, pointer, null)).isEqualTo(70);
      assertThatThrownBy(() -> client.spend(id, 31, pointer, "k1"))
          .isInstanceOf(IdempotencyKeyReusedException.class)
          .hasMessage("idempotency key reused");
      assertThatThrownBy(() -> client.spend(id, 30, "f".repeat(64), "k1"))
          .isInstanceOf(IdempotencyKeyReusedException.class);
      // Keys are per balance id.
      String other = UUID.randomUUID().toString();
      client.creditReceipt(other, Receipt.create(n.nonce(), 2, 50, n.secret()));
      assertThat(client.spend(other, 30, pointer, "k1")).isEqualTo(20);

      // Concurrent repeats of one key debit once and all answer the same balance.
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Long>> repeats = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        repeats.add(
            pool.submit(
                () -> {
                  go.await();
                  return client.spend(id, 10, pointer, "k2");
                }));
      }
      go.countDown();
      for (Future<Long> f : repeats) {
        assertThat(f.get()).isEqualTo(60);
      }
      pool.shutdown();
      assertThat(client.spend(id, 0, pointer, null)).isEqualTo(60);

      // A refused spend is not remembered: after a top-up the same key succeeds.
      assertThatThrownBy(() -> client.spend(id, 100, pointer, "k3"))
          .isInstanceOf(InsufficientBalanceException.class);
      client.creditReceipt(id, Receipt.create(n.nonce(), 1, 150, n.secret()));
      assertThat(client.spend(id, 100, pointer, "k3")).isEqualTo(10);
      assertThat(client.spend(id, 100, pointer, "k3")).isEqualTo(10);
    }
  }

  @Test
  void spendAsyncCarriesPointerAndKey() throws Exception {
    try (SpspTestWallet wallet = new SpspTestWallet();
        ReceiptVerifierServer server = ReceiptVerifierServer.builder().seed(SEED).start()) {
      ReceiptVerifierClient client = operator(server);
      PaymentPointer proxy = client.registerPointer(PaymentPointer.parse(wallet.pointer()));
      spsp(proxy);
      SpspTestWallet.Issued n = wallet.takeIssued();
      String id = UUID.randomUUID().toString();
      client.creditReceipt(id, Receipt.create(n.nonce(), 1, 10, n.secret()));
      CompletableFuture<Long> first = client.spendAsync(id, 4, proxy.toString(), "once");
      CompletableFuture<Long> second = client.spendAsync(id, 4, proxy.toString(), "once");
      assertThat(first.get()).isEqualTo(6);
      assertThat(second.get()).isEqualTo(6);
      assertThatThrownBy(() -> client.spendAsync(id, 1, proxy.toString(), "bad key!").join())
          .hasCauseInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void bucketsNonceBindingAndIdempotencySurviveARestart(@TempDir Path dir) throws Exception {
    String id = UUID.randomUUID().toString();
    PaymentPointer proxy;
    SpspTestWallet.Issued n;
    try (SpspTestWallet wallet = new SpspTestWallet()) {
      try (ReceiptVerifierServer server = start("journal", dir)) {
        ReceiptVerifierClient client = operator(server);
        proxy = client.registerPointer(PaymentPointer.parse(wallet.pointer()));
        spsp(proxy);
        n = wallet.takeIssued();
        client.creditReceipt(id, Receipt.create(n.nonce(), 1, 100, n.secret()));
        assertThat(client.spend(id, 40, hash(proxy), "key")).isEqualTo(60);
      }
      try (ReceiptVerifierServer server = start("journal", dir)) {
        ReceiptVerifierClient client = operator(server);
        String pointer = URI.create(server.uri() + "/spsp/" + hash(proxy)).toString();
        assertThat(client.spend(id, 40, pointer, "key")).as("not debited again").isEqualTo(60);
        assertThatThrownBy(() -> client.spend(id, 41, pointer, "key"))
            .isInstanceOf(IdempotencyKeyReusedException.class);
        // The nonce is still bound to the same pointer: a later receipt credits the same bucket.
        assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 1, 130, n.secret())))
            .isEqualTo(90);
        assertThatThrownBy(() -> client.spend(id, 1, "e".repeat(64), null))
            .isInstanceOf(UnknownBalanceException.class);
        assertThat(client.spend(id, 90, pointer, null)).isZero();
      }
    }
  }
}
