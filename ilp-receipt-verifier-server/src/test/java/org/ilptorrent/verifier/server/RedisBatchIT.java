package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.RedisProcess;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.internal.Balances;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credits and spends that queue while a Redis call is in flight go together in one script call:
 * each answers exactly as it would alone (checked against the memory store applying the same
 * operations one by one), and a call that meets Redis down fails every operation in it with none
 * applied. Redis is held with {@code CLIENT PAUSE ... WRITE} (scripts wait while it lasts) so that
 * the operations really queue behind the first one.
 */
class RedisBatchIT {
  private static final Duration LONG_TIMEOUT = Duration.ofSeconds(60);

  @BeforeAll
  static void needsRedis() {
    assumeTrue(RedisProcess.available(), RedisProcess.MISSING);
    assumeTrue(cliAvailable(), "redis-cli is not installed (Debian's redis-tools)");
  }

  @Test
  void queuedOperationsGoInFewCallsAndAnswerAsOneByOne(@TempDir Path dir) throws Exception {
    Instant now = Instant.now();
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    try (RedisProcess redis = RedisProcess.start(dir);
        RedisVerifierStore ours =
            RedisVerifierStore.connect(redis.uri(), "t:", LONG_TIMEOUT, clock);
        MemoryVerifierStore reference = new MemoryVerifierStore(clock)) {
      String bucket = "a".repeat(64);
      byte[] nonce = new byte[16];
      nonce[0] = 7;
      for (VerifierStore s : List.of(ours, reference)) {
        s.addNonce(nonce, bucket, now.plusSeconds(300));
      }
      // Loads the script, so that the calls counted below are all EVALSHA.
      assertThat(ours.creditReceipt("warm", Receipt.create(nonce, 255, 1, new byte[32]), now))
          .isEqualTo(
              reference.creditReceipt("warm", Receipt.create(nonce, 255, 1, new byte[32]), now));
      long pttlBefore = Long.parseLong(cli(redis, "PTTL", "t:n:" + b64(nonce)));

      // Credits (fresh, replayed, lower), spends (enough, too much, unknown balance, all buckets)
      // and idempotent spends (first, replay, same key with another amount), interleaved.
      Random random = new Random(18);
      List<Op> ops = new ArrayList<>();
      long[] totals = new long[4];
      for (int i = 0; i < 300; i++) {
        String id = "id" + random.nextInt(4);
        int kind = random.nextInt(6);
        if (kind < 2) {
          int stream = 1 + random.nextInt(4);
          long total =
              random.nextInt(5) == 0 ? totals[stream - 1] : totals[stream - 1] + random.nextInt(50);
          totals[stream - 1] = Math.max(totals[stream - 1], total);
          Receipt r = Receipt.create(nonce, stream, total, new byte[32]);
          ops.add(
              new Op(
                  "credit " + id + " " + stream + " " + total,
                  s -> s.credit(id, r, now),
                  s -> s.creditReceipt(id, r, now)));
        } else {
          long amount = random.nextInt(40);
          String key = kind == 5 ? "k" + random.nextInt(5) : null;
          String pointer = kind == 4 ? null : bucket;
          String target = random.nextInt(10) == 0 ? "nobody" : id;
          ops.add(
              new Op(
                  "spend " + target + " " + amount + " key " + key + " pointer " + pointer,
                  s -> s.spend(target, pointer, amount, key, now),
                  s -> s.spend(target, pointer, amount, key, now)));
        }
      }
      cli(redis, "CONFIG", "RESETSTAT");
      cli(redis, "CLIENT", "PAUSE", "60000", "WRITE");
      List<CompletableFuture<Long>> pending = new ArrayList<>();
      Balances balances = ours.balances();
      for (Op op : ops) {
        pending.add(op.async().apply(balances).toCompletableFuture());
      }
      cli(redis, "CLIENT", "UNPAUSE");

      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        String expected = outcome(op.sync(), reference);
        int n = i;
        assertThat(outcome(() -> pending.get(n))).as("op %d: %s", i, op.what()).isEqualTo(expected);
      }
      // The first went alone (Redis held it); the other 299 queued behind it, at most 64 a call.
      assertThat(calls(redis)).isEqualTo(1 + (299 + 63) / 64);
      // Nonce lifetimes are untouched; idempotency records expire after the retention.
      long pttlAfter = Long.parseLong(cli(redis, "PTTL", "t:n:" + b64(nonce)));
      assertThat(pttlAfter).isPositive().isLessThanOrEqualTo(pttlBefore);
      String records = cli(redis, "--scan", "--pattern", "t:i:*");
      assertThat(records.lines().filter(l -> !l.isBlank()).count()).isPositive();
      for (String record : records.lines().filter(l -> !l.isBlank()).toList()) {
        assertThat(Long.parseLong(cli(redis, "PTTL", record)))
            .as(record)
            .isPositive()
            .isLessThanOrEqualTo(
                org.ilptorrent.verifier.server.internal.VerifierState.IDEMPOTENCY_RETENTION
                    .toMillis());
      }
    }
  }

  @Test
  void aBatchThatMeetsRedisDownFailsEveryOperationAndAppliesNone(@TempDir Path dir)
      throws Exception {
    try (RedisProcess redis = RedisProcess.start(dir);
        SpspTestWallet wallet = new SpspTestWallet()) {
      RedisVerifierStore store =
          RedisVerifierStore.connect(
              redis.uri(), RedisVerifierStore.DEFAULT_PREFIX, LONG_TIMEOUT, Clock.systemUTC());
      try (ReceiptVerifierServer server =
          ReceiptVerifierServer.builder()
              .seed(new byte[32])
              .registrationToken("operator-token-for-tests")
              .store(store)
              .start()) {
        ReceiptVerifierClient client =
            ReceiptVerifierClient.builder(server.uri())
                .registrationToken("operator-token-for-tests")
                .build();
        ConcurrencyIT.Issued n = ConcurrencyIT.issue(client, server, wallet);
        String id = UUID.randomUUID().toString();
        assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 1, 300, n.secret())))
            .isEqualTo(300);

        cli(redis, "CLIENT", "PAUSE", "60000", "WRITE");
        // Over HTTP: the first call is held by Redis, the rest wait for it in the batch queue.
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          boolean credit = i % 2 == 0;
          String body =
              credit
                  ? Receipt.create(n.nonce(), 1 + i % 3, 400 + i, n.secret()).toBase64()
                  : Integer.toString(10);
          answers.add(
              http.sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(
                              server.uri()
                                  + "/balances/"
                                  + id
                                  + (credit ? ":creditReceipt" : ":spend")))
                      .header("Payment-Pointer", n.hash())
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
        }
        // Directly on the store: these are queued before Redis goes down, for certain.
        Balances balances = store.balances();
        List<CompletableFuture<Long>> direct = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          direct.add(
              (i % 2 == 0
                      ? balances.credit(
                          id, Receipt.create(n.nonce(), 4, 500 + i, n.secret()), Instant.now())
                      : balances.spend(id, n.hash(), 1, "key" + i, Instant.now()))
                  .toCompletableFuture());
        }
        Await.until(
            "Redis to hold the first call",
            RedisProcess.PATIENCE,
            () -> cliOrEmpty(redis, "INFO", "clients").contains("blocked_clients:1"));
        redis.kill();

        for (CompletableFuture<Long> f : direct) {
          assertThat(outcome(() -> f))
              .startsWith("StoreUnavailableException: redis at ")
              .contains("unavailable");
        }
        for (CompletableFuture<HttpResponse<String>> f : answers) {
          HttpResponse<String> r = f.get(RedisProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
          assertThat(r.statusCode()).isEqualTo(503);
          assertThat(r.body()).isEqualTo("store unavailable");
        }

        redis.start();
        Await.until(
            "the verifier to reach Redis again",
            RedisProcess.PATIENCE,
            () -> {
              try {
                return client.spend(id, 0, n.hash(), null) == 300;
              } catch (IOException | RuntimeException e) {
                return false;
              }
            });
        // Nothing of the failed calls was applied: no high-water mark moved, no spend happened.
        assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 1, 301, n.secret())))
            .isEqualTo(301);
        assertThat(client.creditReceipt(id, Receipt.create(n.nonce(), 4, 10, n.secret())))
            .isEqualTo(311);
        assertThat(client.spend(id, 1, n.hash(), "key1")).isEqualTo(310);
      }
    }
  }

  /** One operation, sent to the batched store or to the reference store. */
  private record Op(
      String what,
      java.util.function.Function<Balances, CompletionStage<Long>> async,
      StoreFunction sync) {}

  private interface StoreFunction {
    long apply(VerifierStore store) throws IOException;
  }

  /** A stage's value, or its failure as type and message (thrown at once or completed so). */
  private static String outcome(Supplier<CompletionStage<Long>> call) {
    try {
      return "= " + call.get().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** The reference store's answer, as {@link #outcome(Supplier)} writes it. */
  private static String outcome(StoreFunction call, VerifierStore store) {
    try {
      return "= " + call.apply(store);
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** Script calls Redis ran since the last CONFIG RESETSTAT. */
  private static long calls(RedisProcess redis) throws Exception {
    long calls = 0;
    for (String line : cli(redis, "INFO", "commandstats").lines().toList()) {
      if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        calls += Long.parseLong(line.replaceAll("^[^:]*:calls=([0-9]+),.*", "$1"));
      }
    }
    return calls;
  }

  private static String b64(byte[] bytes) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean cliAvailable() {
    try {
      return new ProcessBuilder("redis-cli", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String cliOrEmpty(RedisProcess redis, String... args) {
    try {
      return cli(redis, args);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Runs redis-cli against {@code redis} (a real process, as an operator would). */
  private static String cli(RedisProcess redis, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(redis.port())));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IOException("redis-cli " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }
}
