package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.create.CreatedTorrent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spend whose answer comes too late: the verifier debited the balance, the tracker timed out and
 * refused the announce. The next announce repeats the spend with the same idempotency key, the
 * verifier answers the first outcome without debiting again, and the buyer is admitted.
 */
class SpendTimeoutIT {
  @TempDir Path dir;
  private PaidSetup setup;
  private DelayingVerifierProxy proxy;

  @BeforeEach
  void start() throws Exception {
    setup = new PaidSetup(dir);
    proxy = new DelayingVerifierProxy(setup.verifier.uri());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    setup.close();
  }

  @Test
  void aTimedOutSpendIsRetriedWithTheSameKeyAndChargedOnce() throws Exception {
    CreatedTorrent torrent = setup.paidTorrent("slow.bin", "300", proxy.uri());
    String hash = PaidSetup.binary(torrent.infoHash().toBytes());
    try (TrackerServer tracker =
        TrackerServer.builder()
            .allowVerifier(proxy.uri())
            .spendTimeout(Duration.ofSeconds(1))
            .start()) {
      tracker.registerPaidTorrent(torrent.torrentFile());
      String balance = setup.fundedBalance(1000);
      ObjectNode announce = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      announce.put("action", "announce");
      announce.put("info_hash", hash);
      announce.put("peer_id", WsTestClient.id('b'));
      announce.put("left", 100);
      announce.put("event", "started");
      announce.put("requestId", balance);

      WsTestClient buyer = new WsTestClient(tracker.webSocketUri());
      buyer.sendJson(announce.toString());
      assertThat(buyer.next().path("failure reason").asText())
          .as("the tracker gave up on the spend")
          .isEqualTo("payment failed");
      assertThat(proxy.firstSpendDone.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(setup.balance(balance)).as("but the verifier did debit").isEqualTo(700);

      buyer.sendJson(announce.toString());
      assertThat(buyer.next().path("failure reason").isMissingNode())
          .as("admitted on the next announce")
          .isTrue();
      assertThat(proxy.spends()).isEqualTo(2);
      assertThat(setup.balance(balance)).as("debited exactly once").isEqualTo(700);
      proxy.release.countDown();
      buyer.close();
    }
  }
}
