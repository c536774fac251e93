package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.RedisProcess;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two verifier processes on one Redis; one is killed (SIGKILL) mid-traffic: the other still has
 * every credit the dead one acknowledged, refuses its receipts as replays and keeps serving.
 */
class RedisCrashIT {
  private static final String SEED = "22".repeat(32);
  private static final String TOKEN = "operator-token-for-tests";

  @Test
  void killingOneInstanceLosesNoAcknowledgedCredit(@TempDir Path dir) throws Exception {
    assumeTrue(RedisProcess.available(), RedisProcess.MISSING);
    try (RedisProcess redis = RedisProcess.start(dir);
        SpspTestWallet wallet = new SpspTestWallet()) {
      String uri = redis.uri().toString();
      CrashRecoveryIT.Running doomed = CrashRecoveryIT.launch(uri, SEED, TOKEN);
      CrashRecoveryIT.Running survivor = CrashRecoveryIT.launch(uri, SEED, TOKEN);
      try {
        ReceiptVerifierClient viaDoomed =
            ReceiptVerifierClient.builder(doomed.uri()).registrationToken(TOKEN).build();
        ReceiptVerifierClient viaSurvivor =
            ReceiptVerifierClient.builder(survivor.uri()).registrationToken(TOKEN).build();
        ConcurrencyIT.Issued n = ConcurrencyIT.issue(viaDoomed, null, wallet);
        byte[] secret = Receipt.secret(HexFormat.of().parseHex(SEED), n.nonce());
        String id = UUID.randomUUID().toString();

        AtomicLong acknowledged = new AtomicLong();
        List<Receipt> credited = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> traffic = new ArrayList<>();
        for (int stream = 1; stream <= 8; stream++) {
          int s = stream;
          traffic.add(
              CompletableFuture.runAsync(
                  () -> {
                    for (long total = 100; ; total += 100) {
                      Receipt r = Receipt.create(n.nonce(), s, total, secret);
                      try {
                        viaDoomed.creditReceipt(id, r);
                      } catch (Exception e) {
                        return; // the process is gone
                      }
                      acknowledged.addAndGet(100);
                      credited.add(r);
                    }
                  },
                  senders));
        }
        Await.until(
            "200 receipts credited before the kill",
            Duration.ofSeconds(60),
            () -> credited.size() >= 200);
        doomed.process().destroyForcibly();
        assertThat(doomed.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(traffic.toArray(CompletableFuture[]::new)).join();
        senders.shutdown();

        long balance = viaSurvivor.spend(id, 0, n.hash(), null);
        // Everything acknowledged is there; a credit in flight at the kill (at most one per
        // sender) may have landed without its answer.
        assertThat(balance).isBetween(acknowledged.get(), acknowledged.get() + 8 * 100);
        for (Receipt r : List.copyOf(credited).subList(0, 50)) {
          assertThatThrownBy(() -> viaSurvivor.creditReceipt(id, r))
              .isInstanceOf(InvalidReceiptException.class)
              .hasMessage("expired receipt");
        }
        assertThat(viaSurvivor.creditReceipt(id, Receipt.create(n.nonce(), 99, 5, secret)))
            .isEqualTo(balance + 5);
      } finally {
        doomed.process().destroyForcibly();
        survivor.process().destroyForcibly();
      }
    }
  }
}
