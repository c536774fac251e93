package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ilptorrent.fixtures.RedisProcess;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.verifier.InsufficientBalanceException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis store against a real redis-server (append-only file, fsync always): it answers as the
 * memory store does, two verifier instances on one Redis behave as one, and an outage of Redis is a
 * 503 that ends by itself.
 */
class RedisStoreIT {
  private static final byte[] SEED = new byte[32];
  private static final String TOKEN = "operator-token-for-tests";

  @BeforeAll
  static void needsRedis() {
    assumeTrue(RedisProcess.available(), RedisProcess.MISSING);
  }

  private static ReceiptVerifierServer verifier(RedisProcess redis) throws Exception {
    return ReceiptVerifierServer.builder()
        .seed(SEED)
        .registrationToken(TOKEN)
        .store(RedisVerifierStore.connect(redis.uri()))
        .start();
  }

  private static ReceiptVerifierClient client(ReceiptVerifierServer server) {
    return ReceiptVerifierClient.builder(server.uri()).registrationToken(TOKEN).build();
  }

  /** What a store call gave: its value, or its exception's type and message. */
  private static String outcome(Callable<Object> call) {
    try {
      return "= " + call.call();
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @Test
  void answersAsTheMemoryStoreDoes(@TempDir Path dir) throws Exception {
    Random random = new Random(42);
    Instant now = Instant.now();
    Clock clock = Clock.fixed(now, java.time.ZoneOffset.UTC);
    try (RedisProcess redis = RedisProcess.start(dir);
        RedisVerifierStore ours =
            RedisVerifierStore.connect(redis.uri(), "t:", Duration.ofSeconds(2), clock);
        MemoryVerifierStore reference = new MemoryVerifierStore(clock)) {
      List<VerifierStore> both = List.of(ours, reference);
      String[] buckets = {"a".repeat(64), "b".repeat(64)};
      String[] ids = {"alice", "bob", "carol"};
      byte[][] nonces = new byte[4][16];
      for (int i = 0; i < nonces.length; i++) {
        nonces[i][0] = (byte) (i + 1);
        // The fourth nonce is never issued; the third one expires.
        if (i < 3) {
          Instant expiry = i == 2 ? now.minusSeconds(1) : now.plusSeconds(300);
          for (VerifierStore s : both) {
            s.addNonce(nonces[i], buckets[i % 2], expiry);
          }
        }
      }
      long max = Long.MAX_VALUE;
      long[] totals = {0, 1, 5, 100, 1L << 53, (1L << 53) + 1, max - 1, max, -1};
      for (int step = 0; step < 3000; step++) {
        int op = random.nextInt(10);
        String id = ids[random.nextInt(ids.length)];
        List<String> outcomes = new ArrayList<>();
        String what;
        if (op < 5) {
          byte[] nonce = nonces[random.nextInt(nonces.length)];
          int stream = 1 + random.nextInt(3);
          long total =
              random.nextInt(3) == 0
                  ? totals[random.nextInt(totals.length)]
                  : random.nextInt(10_000);
          Receipt receipt = Receipt.create(nonce, stream, total, new byte[32]);
          what = "credit " + id + " nonce " + nonce[0] + " stream " + stream + " total " + total;
          for (VerifierStore s : both) {
            outcomes.add(outcome(() -> s.creditReceipt(id, receipt, now)));
          }
        } else if (op < 9) {
          String bucket = random.nextInt(4) == 0 ? null : buckets[random.nextInt(2)];
          long amount =
              random.nextInt(5) == 0 ? totals[random.nextInt(totals.length)] : random.nextInt(3000);
          String key = random.nextInt(3) == 0 ? "k" + random.nextInt(3) : null;
          what = "spend " + id + " " + bucket + " " + amount + " key " + key;
          for (VerifierStore s : both) {
            outcomes.add(outcome(() -> s.spend(id, bucket, amount, key, now)));
          }
        } else {
          String hash = buckets[random.nextInt(2)];
          boolean remove = random.nextBoolean();
          what = (remove ? "remove " : "add ") + hash.charAt(0);
          for (VerifierStore s : both) {
            outcomes.add(
                outcome(
                    () ->
                        remove
                            ? s.removePointer(hash)
                            : s.addPointer(hash, "$wallet.example/" + hash.charAt(0), "digest")));
            outcomes.add(outcome(() -> s.pointer(hash) + " " + s.managementTokenDigest(hash)));
            outcomes.add(outcome(s::pointerCount));
          }
        }
        assertThat(outcomes.subList(0, outcomes.size() / 2))
            .as("step %d: %s", step, what)
            .isEqualTo(outcomes.subList(outcomes.size() / 2, outcomes.size()));
      }
    }
  }

  @Test
  void twoInstancesOnOneRedisBehaveAsOne(@TempDir Path dir) throws Exception {
    try (RedisProcess redis = RedisProcess.start(dir);
        SpspTestWallet wallet = new SpspTestWallet();
        ReceiptVerifierServer first = verifier(redis);
        ReceiptVerifierServer second = verifier(redis)) {
      List<ReceiptVerifierClient> clients = List.of(client(first), client(second));
      ConcurrencyIT.Issued n = ConcurrencyIT.issue(clients.get(0), first, wallet);
      String id = UUID.randomUUID().toString();
      Receipt receipt = Receipt.create(n.nonce(), 1, 500, n.secret());

      // One receipt sent through both at once credits once.
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<String>> credits = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        ReceiptVerifierClient c = clients.get(i % 2);
        credits.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(go);
                  return outcome(() -> c.creditReceipt(id, receipt));
                },
                pool));
      }
      go.countDown();
      List<String> answers = credits.stream().map(CompletableFuture::join).toList();
      assertThat(answers).filteredOn(a -> a.equals("= 500")).hasSize(1);
      assertThat(answers).filteredOn(a -> a.contains("expired receipt")).hasSize(15);

      // 100 spends of 7 split across both: exactly floor(500 / 7) = 71 succeed.
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<String>> spends = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        ReceiptVerifierClient c = clients.get(i % 2);
        spends.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return outcome(() -> c.spend(id, 7, n.hash(), null));
                },
                pool));
      }
      start.countDown();
      List<String> spent = spends.stream().map(CompletableFuture::join).toList();
      pool.shutdown();
      assertThat(spent).filteredOn(a -> a.startsWith("= ")).hasSize(71);
      assertThat(spent)
          .filteredOn(a -> a.startsWith(InsufficientBalanceException.class.getSimpleName()))
          .hasSize(29);
      assertThat(clients.get(1).spend(id, 0, n.hash(), null)).isEqualTo(500 - 71 * 7);
      assertThat(clients.get(0).spend(id, 0, n.hash(), null)).isEqualTo(500 - 71 * 7);
    }
  }

  @Test
  void anOutageAnswers503AndEndsByItselfWithTheStateKept(@TempDir Path dir) throws Exception {
    try (RedisProcess redis = RedisProcess.start(dir);
        SpspTestWallet wallet = new SpspTestWallet();
        ReceiptVerifierServer server = verifier(redis)) {
      ReceiptVerifierClient client = client(server);
      ConcurrencyIT.Issued n = ConcurrencyIT.issue(client, server, wallet);
      String id = UUID.randomUUID().toString();
      assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 1, 300, n.secret())))
          .isEqualTo(300);
      assertThat(client.spend(id, 100, n.hash(), null)).isEqualTo(200);

      redis.kill();
      HttpClient http = HttpClient.newHttpClient();
      String credit = Receipt.create(n.nonce(), 1, 400, n.secret()).toBase64();
      for (String[] request :
          List.of(
              new String[] {"/balances/" + id + ":creditReceipt", credit},
              new String[] {"/balances/" + id + ":spend", "1"})) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + request[0]))
                    .header("Payment-Pointer", n.hash())
                    .POST(HttpRequest.BodyPublishers.ofString(request[1]))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(request[0]).isEqualTo(503);
        assertThat(r.body()).isEqualTo("store unavailable");
      }

      redis.start();
      org.ilptorrent.fixtures.Await.until(
          "the verifier to reach Redis again",
          RedisProcess.PATIENCE,
          () -> outcome(() -> client.spend(id, 0, n.hash(), null)).equals("= 200"));
      // The receipt refused during the outage is credited now: only its increase.
      assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 1, 400, n.secret())))
          .isEqualTo(300);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
