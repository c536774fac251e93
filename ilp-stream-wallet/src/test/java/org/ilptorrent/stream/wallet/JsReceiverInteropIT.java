package org.ilptorrent.stream.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.stream.IlpOverHttpLink;
import org.ilptorrent.stream.PaymentResult;
import org.ilptorrent.stream.Spsp;
import org.ilptorrent.stream.StreamSender;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.junit.jupiter.api.Test;

/**
 * Our sender pays the reference STREAM receiver (npm ilp-protocol-stream 2.7.2-alpha.3 behind
 * ilp-plugin-http) with receipts enabled through our verifier's SPSP proxy, and the receipts the JS
 * receiver signed credit at our verifier. Needs interop/install.sh; runs with -Pinterop.
 */
class JsReceiverInteropIT {

  @Test
  void ourSenderEarnsReceiptsFromTheJsReceiver() throws Exception {
    int ilpPort = TestEnvironment.freePort();
    int spspPort = TestEnvironment.freePort();
    Process js =
        new ProcessBuilder(
                "node",
                "js-receive.js",
                Integer.toString(ilpPort),
                Integer.toString(spspPort),
                "tok3n")
            .directory(
                TestEnvironment.repositoryRoot().resolve("interop/npm/stream-partners").toFile())
            .redirectErrorStream(true)
            .start();
    try (ReceiptVerifierServer verifier = ReceiptVerifierServer.builder().start()) {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(js.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "drain");
      drain.setDaemon(true);
      drain.start();

      ReceiptVerifierClient client =
          ReceiptVerifierClient.builder(verifier.uri())
              .registrationToken(verifier.registrationToken().orElseThrow())
              .build();
      PaymentPointer proxy =
          client.registerPointer(
              PaymentPointer.parse("http://127.0.0.1:" + spspPort + "/receiver"));
      Spsp.Details details = Spsp.query(proxy, HttpClient.newHttpClient(), Duration.ofSeconds(10));
      assertThat(details.receiptsEnabled()).isTrue();

      PaymentResult result =
          new StreamSender(
                  new IlpOverHttpLink(URI.create("http://127.0.0.1:" + ilpPort + "/"), "tok3n"))
              .pay(details.destinationAccount(), details.sharedSecret(), 300_000)
              .join();

      assertThat(result.delivered()).isGreaterThanOrEqualTo(300_000);
      long balance =
          client.creditReceipt(
              UUID.randomUUID().toString(), Receipt.decode(result.receipts().get(1L)));
      assertThat(balance).isEqualTo(result.delivered());
    } finally {
      js.destroy();
    }
  }
}
