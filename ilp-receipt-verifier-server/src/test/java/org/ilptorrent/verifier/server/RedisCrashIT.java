package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
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

        TrafficUntilKill t =
            TrafficUntilKill.run(viaDoomed, n.nonce(), secret, id, null, doomed.process());

        long balance = viaSurvivor.spend(id, 0, n.hash(), null);
        // Everything acknowledged is there; a credit in flight at the kill (at most one per
        // sender) may have landed without its answer.
        assertThat(balance)
            .isBetween(t.acknowledgedCredit.get(), t.acknowledgedCredit.get() + 8 * 100);
        for (Receipt r : List.copyOf(t.credited).subList(0, 50)) {
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
