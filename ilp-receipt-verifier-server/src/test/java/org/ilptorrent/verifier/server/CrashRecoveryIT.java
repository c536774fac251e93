package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a verifier process mid-traffic (no clean close) and restarts it on the same directory:
 * every acknowledged credit, spend, pointer and nonce mark survives, and receipts credited before
 * the crash are still refused as replays.
 */
class CrashRecoveryIT {
  private static final String SEED = "11".repeat(32);

  record Running(Process process, URI uri) {}

  private static Running launch(Path dir) throws Exception {
    return launch(dir.toString(), SEED);
  }

  /** Starts {@link VerifierProcess} with {@code args} and waits until it serves. */
  static Running launch(String... args) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                VerifierProcess.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("listening ")) {
        URI uri = URI.create(line.substring("listening ".length()));
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "drain");
        drain.setDaemon(true);
        drain.start();
        return new Running(p, uri);
      }
    }
    throw new AssertionError("verifier process exited: " + p.waitFor());
  }

  @Test
  void acknowledgedStateSurvivesAKill(@TempDir Path dir) throws Exception {
    try (SpspTestWallet wallet = new SpspTestWallet()) {
      Running first = launch(dir);
      String operatorToken =
          Files.readString(dir.resolve(ReceiptVerifierServer.OPERATOR_TOKEN_FILE)).strip();
      ReceiptVerifierClient client =
          ReceiptVerifierClient.builder(first.uri()).registrationToken(operatorToken).build();
      PaymentPointer proxy = client.registerPointer(PaymentPointer.parse(wallet.pointer()));
      String hash = proxy.toUrl().getPath().substring("/spsp/".length());
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      http.send(
          java.net.http.HttpRequest.newBuilder(proxy.toUrl())
              .header("Accept", "application/spsp4+json")
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      SpspTestWallet.Issued n = wallet.takeIssued();
      String id = UUID.randomUUID().toString();
      byte[] secret = Receipt.secret(HexFormat.of().parseHex(SEED), n.nonce());
      assertThat(secret).isEqualTo(n.secret());

      // Traffic: receipts with rising totals on 8 streams, and small spends, until the kill.
      TrafficUntilKill t =
          TrafficUntilKill.run(client, n.nonce(), secret, id, hash, first.process());

      Running second = launch(dir);
      try {
        ReceiptVerifierClient after = ReceiptVerifierClient.builder(second.uri()).build();
        long balance = after.spend(id, 0, hash, null);
        // Everything acknowledged is there. A request in flight at the kill (at most one per
        // sender: a credit of 100 or a spend of 10) may have landed without its answer.
        assertThat(balance)
            .isGreaterThanOrEqualTo(
                t.acknowledgedCredit.get() - t.acknowledgedSpend.get() - 8 * 10);
        assertThat(balance).isLessThanOrEqualTo(t.acknowledgedCredit.get() + 8 * 100);
        for (Receipt r : List.copyOf(t.credited).subList(0, 50)) {
          assertThatThrownBy(() -> after.creditReceipt(id, r))
              .isInstanceOf(InvalidReceiptException.class)
              .hasMessage("expired receipt");
        }
        Receipt next = Receipt.create(n.nonce(), 99, 5, secret);
        assertThat(after.creditReceipt(id, next)).isEqualTo(balance + 5);
        java.net.http.HttpResponse<String> spsp =
            http.send(
                java.net.http.HttpRequest.newBuilder(URI.create(second.uri() + "/spsp/" + hash))
                    .header("Accept", "application/spsp4+json")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(spsp.statusCode()).as("the registered pointer survived").isEqualTo(200);
      } finally {
        second.process().destroyForcibly();
      }
    }
  }
}
