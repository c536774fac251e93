package org.ilptorrent.stream.wallet;

import java.time.Duration;
import org.ilptorrent.fixtures.HttpHardening;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wallet's HTTP layer against hostile clients on real sockets (issue 15 item 5): each check
 * ends with a normal client served.
 */
class WalletHttpHardeningIT {
  private static final int TOTAL = 60;
  private static final int PER_ADDRESS = 50;
  private Wallet wallet;
  private HttpHardening checks;

  @BeforeEach
  void start() throws Exception {
    wallet =
        Wallet.builder()
            .account("alice", "USD", 2, 100)
            .maxConnections(TOTAL, PER_ADDRESS)
            .timeouts(Duration.ofSeconds(60), Duration.ofSeconds(2))
            .start();
    checks = new HttpHardening(wallet.uri().getPort(), "/accounts/alice", 200);
  }

  @AfterEach
  void stop() {
    wallet.close();
  }

  @Test
  void contentLengthWithTransferEncodingIsRefused() throws Exception {
    checks.contentLengthWithTransferEncoding();
  }

  @Test
  void twoContentLengthsAreRefused() throws Exception {
    checks.twoContentLengths();
  }

  @Test
  void obsFoldSmugglesNothing() throws Exception {
    checks.obsFold();
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    checks.pipelined();
  }

  @Test
  void h2cUpgradeIsIgnored() throws Exception {
    checks.h2cUpgradeIgnored();
  }

  @Test
  void slowlorisNeitherStarvesNormalClientsNorKeepsItsSockets() throws Exception {
    checks.slowloris(40, 20, Duration.ofSeconds(10));
  }

  @Test
  void connectionsAreCappedPerAddressAndInAll() throws Exception {
    checks.connectionCaps(TOTAL, PER_ADDRESS);
  }

  @Test
  void oversizedBodiesGet413AndClose() throws Exception {
    checks.oversizedBodies("/ilp", 64 * 1024);
  }
}
