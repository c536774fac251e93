package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.InsufficientBalanceException;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credit and spend stay atomic under concurrent requests, for both stores. */
class ConcurrencyIT {

  private static ReceiptVerifierServer start(String store, Path dir) throws Exception {
    ReceiptVerifierServer.Builder b = ReceiptVerifierServer.builder();
    if (store.equals("journal")) {
      b.dataDirectory(dir);
    }
    return b.start();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "journal"})
  void oneHundredConcurrentSpendsNeverOverdraw(String store, @TempDir Path dir) throws Exception {
    try (SpspTestWallet wallet = new SpspTestWallet();
        ReceiptVerifierServer server = start(store, dir)) {
      ReceiptVerifierClient client =
          ReceiptVerifierClient.builder(server.uri())
              .registrationToken(server.registrationToken().orElseThrow())
              .build();
      Issued n = issue(client, server, wallet);
      String id = UUID.randomUUID().toString();
      client.creditReceipt(id, Receipt.create(n.nonce(), 1, 500, n.secret()));

      List<CompletableFuture<Long>> spends = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        spends.add(client.spendAsync(id, 10, n.hash(), null));
      }
      int ok = 0;
      int insufficient = 0;
      for (CompletableFuture<Long> f : spends) {
        try {
          assertThat(f.join()).isBetween(0L, 490L);
          ok++;
        } catch (CompletionException e) {
          assertThat(e.getCause()).isInstanceOf(InsufficientBalanceException.class);
          insufficient++;
        }
      }

      assertThat(ok).isEqualTo(50);
      assertThat(insufficient).isEqualTo(50);
      assertThat(client.spend(id, 0, n.hash(), null)).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "journal"})
  void concurrentCreditsOfOneReceiptCreditItOnce(String store, @TempDir Path dir) throws Exception {
    try (SpspTestWallet wallet = new SpspTestWallet();
        ReceiptVerifierServer server = start(store, dir)) {
      ReceiptVerifierClient client =
          ReceiptVerifierClient.builder(server.uri())
              .registrationToken(server.registrationToken().orElseThrow())
              .build();
      Issued n = issue(client, server, wallet);
      Receipt receipt = Receipt.create(n.nonce(), 3, 1000, n.secret());
      String id = UUID.randomUUID().toString();
      ExecutorService pool = Executors.newFixedThreadPool(20);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        attempts.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    client.creditReceipt(id, receipt);
                    return true;
                  } catch (InvalidReceiptException e) {
                    return false;
                  }
                }));
      }
      go.countDown();
      int credited = 0;
      for (Future<Boolean> a : attempts) {
        credited += a.get() ? 1 : 0;
      }
      pool.shutdown();

      assertThat(credited).isEqualTo(1);
      assertThat(client.spend(id, 0, n.hash(), null)).isEqualTo(1000);
    }
  }

  /** A nonce and secret the wallet received, and the proxy hash whose query issued them. */
  record Issued(byte[] nonce, byte[] secret, String hash) {}

  static Issued issue(
      ReceiptVerifierClient client, ReceiptVerifierServer server, SpspTestWallet wallet)
      throws Exception {
    PaymentPointer proxy = client.registerPointer(PaymentPointer.parse(wallet.pointer()));
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(proxy.toUrl())
                    .header("Accept", "application/spsp4+json")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    SpspTestWallet.Issued i = wallet.takeIssued();
    return new Issued(i.nonce(), i.secret(), proxy.toUrl().getPath().substring("/spsp/".length()));
  }
}
