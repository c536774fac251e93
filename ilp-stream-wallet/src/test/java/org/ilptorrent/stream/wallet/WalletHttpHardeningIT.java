package org.ilptorrent.stream.wallet;

import java.time.Duration;
import java.util.stream.Stream;
import org.ilptorrent.fixtures.HttpHardening;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The wallet's HTTP layer against hostile clients on real sockets (issue 15 item 5): the shared
 * scenarios, each against a wallet of its own, with an account's details (200) as the normal answer
 * and {@code POST /ilp} (64 KiB) as the body route. Each check ends with a normal client served.
 */
class WalletHttpHardeningIT {
  private static final HttpHardening.Limits LIMITS =
      new HttpHardening.Limits(
          60, 50, Duration.ofSeconds(2), Duration.ofSeconds(4), "/ilp", 64 * 1024, 413);

  private HttpHardening.Running start() throws Exception {
    Wallet wallet =
        Wallet.builder()
            .account("alice", "USD", 2, 100)
            .maxConnections(LIMITS.total(), LIMITS.perAddress())
            .timeouts(LIMITS.idleTimeout(), LIMITS.requestTimeout())
            .start();
    return new HttpHardening.Running(
        wallet, new HttpHardening(wallet.uri().getPort(), "/accounts/alice", 200));
  }

  @TestFactory
  Stream<DynamicTest> hostileClientsAreRefusedAndNormalOnesServed() {
    return HttpHardening.scenarios(LIMITS, this::start).stream()
        .map(s -> DynamicTest.dynamicTest(s.name(), s::run));
  }
}
