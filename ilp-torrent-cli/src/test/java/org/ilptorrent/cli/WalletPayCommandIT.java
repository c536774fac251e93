package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;

/**
 * {@code ilp-torrent verifier}, {@code wallet} and {@code pay} as processes: a payment through the
 * verifier's SPSP proxy whose receipts credit a balance at the verifier.
 */
class WalletPayCommandIT {
  private final List<Process> processes = new ArrayList<>();

  @Test
  void paysAndCreditsTheReceipts() throws Exception {
    try {
      List<String> verifier =
          start(2, "verifier", "--port", "0", "--registration-token", "operator-secret");
      String verifierUrl = verifier.get(0).substring("verifier ".length());
      List<String> wallet =
          start(2, "wallet", "--account", "alice:USD:9", "--account", "bob:USD:9:5000000");
      assertThat(wallet.get(0))
          .matches(
              "account alice pointer http://127\\.0\\.0\\.1:\\d+/alice ilp \\S+ token [0-9a-f]+");
      String[] bob = wallet.get(1).split(" ");
      String alicePointer = wallet.get(0).split(" ")[3];

      HttpResponse<String> registered =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(verifierUrl + "/proxy"))
                      .header("Authorization", "Bearer operator-secret")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"paymentPointer\":\"" + alicePointer + "\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      String hash = registered.body().replaceAll(".*\"proxy\"\\s*:\\s*\"([0-9a-f]{64})\".*", "$1");

      Process pay =
          new ProcessBuilder(
                  TestEnvironment.launcher().toString(),
                  "pay",
                  verifierUrl + "/spsp/" + hash,
                  "250000",
                  "--ilp",
                  bob[5],
                  "--token",
                  bob[7],
                  "--verifier",
                  verifierUrl,
                  "--balance-id",
                  UUID.randomUUID().toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(pay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(pay.waitFor(2, TimeUnit.MINUTES)).isTrue();

      assertThat(pay.exitValue()).as(out).isZero();
      assertThat(out.lines()).containsExactly("delivered 250000", "balance 250000");
    } finally {
      processes.forEach(Process::destroy);
    }
  }

  private List<String> start(int lines, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(TestEnvironment.launcher().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    processes.add(p);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> read = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      read.add(out.readLine());
    }
    return read;
  }
}
