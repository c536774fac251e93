package org.ilptorrent.verifier.server;

import java.time.Duration;
import java.util.stream.Stream;
import org.ilptorrent.fixtures.HttpHardening;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The verifier's HTTP layer against hostile clients on real sockets (issue 15 item 5): the shared
 * scenarios, each against a verifier of its own, with a 404 for an unknown path as the normal
 * answer and {@code POST /proxy} (4 KiB) as the body route. Each check ends with a normal client
 * served.
 */
class HttpHardeningIT {
  private static final HttpHardening.Limits LIMITS =
      new HttpHardening.Limits(
          60, 50, Duration.ofSeconds(2), Duration.ofSeconds(4), "/proxy", 4096, 413);

  private HttpHardening.Running start() throws Exception {
    ReceiptVerifierServer server =
        ReceiptVerifierServer.builder()
            .maxConnections(LIMITS.total(), LIMITS.perAddress())
            .timeouts(LIMITS.idleTimeout(), LIMITS.requestTimeout())
            .start();
    return new HttpHardening.Running(
        server, new HttpHardening(server.port(), "/nothing-here", 404));
  }

  @TestFactory
  Stream<DynamicTest> hostileClientsAreRefusedAndNormalOnesServed() {
    return HttpHardening.scenarios(LIMITS, this::start).stream()
        .map(s -> DynamicTest.dynamicTest(s.name(), s::run));
  }
}
