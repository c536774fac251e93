package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ilp-torrent verifier} as a process: prints its URLs and serves them. */
class VerifierCommandIT {

  @Test
  void printsItsUrlsAndServes(@TempDir Path dir) throws Exception {
    Path launcher = TestEnvironment.launcher();
    Process p =
        new ProcessBuilder(launcher.toString(), "verifier", "--port", "0", "--data", dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        lines.add(out.readLine());
      }
      assertThat(lines.get(0)).startsWith("verifier http://127.0.0.1:");
      URI base = URI.create(lines.get(0).substring("verifier ".length()));
      assertThat(lines.get(1)).isEqualTo("balances " + base + "/balances/{id}");
      assertThat(lines.get(2)).isEqualTo("proxy " + base + "/proxy");
      assertThat(lines.get(3)).isEqualTo("spsp " + base + "/spsp/{hash}");

      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/balances/nobody:spend"))
                      .POST(HttpRequest.BodyPublishers.ofString("1"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).isEqualTo("balance does not exist");
      assertThat(Files.readString(dir.resolve("seed")).strip()).hasSize(44);
      assertThat(dir.resolve("verifier.journal")).exists();
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
