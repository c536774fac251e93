package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;

/**
 * What the crash tests send to a verifier process until they kill it: on 8 streams, receipts of one
 * nonce with totals rising by 100, each credited to one balance, and with a spend hash a spend of
 * 10 after every third credit. Once 200 receipts are credited the process is killed (SIGKILL), and
 * the senders stop at their first failed request.
 */
final class TrafficUntilKill {
  /** The sum of the credits the verifier acknowledged. */
  final AtomicLong acknowledgedCredit = new AtomicLong();

  /** The sum of the spends the verifier acknowledged. */
  final AtomicLong acknowledgedSpend = new AtomicLong();

  /** The receipts whose credit was acknowledged, in order. */
  final List<Receipt> credited = Collections.synchronizedList(new ArrayList<>());

  private TrafficUntilKill() {}

  /**
   * Sends the traffic through {@code client} to balance {@code id}, spending from {@code spendHash}
   * (null: no spends), until {@code victim} is killed; returns when every sender has stopped.
   */
  static TrafficUntilKill run(
      ReceiptVerifierClient client,
      byte[] nonce,
      byte[] secret,
      String id,
      String spendHash,
      Process victim)
      throws Exception {
    TrafficUntilKill t = new TrafficUntilKill();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<CompletableFuture<Void>> traffic = new ArrayList<>();
    for (int stream = 1; stream <= 8; stream++) {
      int s = stream;
      traffic.add(
          CompletableFuture.runAsync(
              () -> {
                for (long total = 100; ; total += 100) {
                  Receipt r = Receipt.create(nonce, s, total, secret);
                  try {
                    client.creditReceipt(id, r);
                    t.acknowledgedCredit.addAndGet(100);
                    t.credited.add(r);
                    if (spendHash != null && total % 300 == 0) {
                      client.spend(id, 10, spendHash, null);
                      t.acknowledgedSpend.addAndGet(10);
                    }
                  } catch (Exception e) {
                    return; // the process is gone
                  }
                }
              },
              senders));
    }
    Await.until(
        "200 receipts credited before the kill",
        Duration.ofSeconds(60),
        () -> t.credited.size() >= 200);
    victim.destroyForcibly();
    assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture.allOf(traffic.toArray(CompletableFuture[]::new)).join();
    senders.shutdown();
    return t;
  }
}
