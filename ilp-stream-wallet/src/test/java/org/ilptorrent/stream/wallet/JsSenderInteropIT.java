package org.ilptorrent.stream.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The reference STREAM sender (npm ilp-protocol-stream 2.7.2-alpha.3 over ilp-plugin-http) pays our
 * wallet through the SPSP proxy of npm @coil/receipt-verifier 1.0.3, and the receipt our receiver
 * signed credits at that verifier. Needs interop/install.sh; runs with -Pinterop.
 */
class JsSenderInteropIT {

  @Test
  void receiptsFromOurWalletCreditAtTheNpmVerifier() throws Exception {
    byte[] seed = new byte[32];
    new java.security.SecureRandom().nextBytes(seed);
    try (Wallet wallet =
        Wallet.builder()
            .account("alice", "USD", 9, 0)
            .account("bob", "USD", 9, 5_000_000)
            .start()) {
      int balancesPort = TestEnvironment.freePort();
      int spspPort = TestEnvironment.freePort();
      ProcessBuilder pb =
          new ProcessBuilder("node", "start.js")
              .directory(
                  TestEnvironment.repositoryRoot().resolve("interop/npm/receipt-verifier").toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("VERIFIER_PORT", Integer.toString(balancesPort));
      pb.environment().put("SPSP_PROXY_PORT", Integer.toString(spspPort));
      pb.environment().put("SPSP_ENDPOINT", wallet.pointer("alice").toString());
      pb.environment().put("REDIS_URI", "mock");
      pb.environment().put("RECEIPT_SEED", Base64.getEncoder().encodeToString(seed));
      Process coil = pb.start();
      try {
        TestEnvironment.awaitPort(balancesPort);
        TestEnvironment.awaitPort(spspPort);
        Process js =
            new ProcessBuilder(
                    "node",
                    "js-send.js",
                    "http://127.0.0.1:" + spspPort + "/",
                    wallet.ilpUrl().toString(),
                    wallet.token("bob"),
                    "250000")
                .directory(
                    TestEnvironment.repositoryRoot()
                        .resolve("interop/npm/stream-partners")
                        .toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(js.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(js.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(js.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).contains("delivered 250000");
        String receipt =
            lines.stream()
                .filter(l -> l.startsWith("receipt "))
                .findFirst()
                .orElseThrow()
                .substring(8);

        HttpResponse<String> credit =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:"
                                    + balancesPort
                                    + "/balances/js-1:creditReceipt"))
                        .POST(HttpRequest.BodyPublishers.ofString(receipt))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(credit.statusCode()).as(credit.body()).isEqualTo(200);
        assertThat(credit.body()).isEqualTo("250000");
        assertThat(wallet.balance("alice")).isEqualTo(250_000);
        assertThat(wallet.balance("bob")).isEqualTo(5_000_000 - 250_000);
      } finally {
        coil.destroy();
      }
    }
  }
}
