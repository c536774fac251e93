package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.RedisProcess;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ilp-torrent verifier} as a process: prints its URLs and serves them, alone or beside
 * others on one Redis.
 */
class VerifierCommandIT {

  @Test
  void printsItsUrlsAndServes(@TempDir Path dir) throws Exception {
    Path launcher = TestEnvironment.launcher();
    Path data = dir.resolve("data");
    Path stderr = dir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(
                launcher.toString(), "verifier", "--port", "0", "--data", data.toString())
            .redirectError(stderr.toFile())
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

      HttpResponse<String> r = spend(base, "0".repeat(64));
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).isEqualTo("balance does not exist");
      HttpResponse<String> unbound = spend(base, null);
      assertThat(unbound.statusCode()).isEqualTo(400);
      assertThat(unbound.body()).isEqualTo("payment pointer required");
      assertThat(Files.readString(data.resolve("seed")).strip()).hasSize(44);
      assertThat(data.resolve("verifier.journal")).exists();

      Path tokenFile = data.resolve("operator-token");
      String token = Files.readString(tokenFile).strip();
      assertThat(Files.readAllLines(stderr))
          .contains("operator token: " + token + " (saved in " + tokenFile + ")");
      assertThat(Files.getPosixFilePermissions(tokenFile))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(register(base, null).statusCode()).isEqualTo(401);
      assertThat(register(base, token).statusCode()).isEqualTo(200);
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // A second start reads the token and does not print it again.
    Path stderr2 = dir.resolve("stderr2.txt");
    Process again =
        new ProcessBuilder(
                launcher.toString(), "verifier", "--port", "0", "--data", data.toString())
            .redirectError(stderr2.toFile())
            .start();
    try {
      readLines(again, 4);
      assertThat(Files.readString(stderr2)).doesNotContain("operator token");
    } finally {
      again.destroy();
      assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void openRegistrationAndUnboundSpendsAreOptIn(@TempDir Path dir) throws Exception {
    Process p =
        new ProcessBuilder(
                TestEnvironment.launcher().toString(),
                "verifier",
                "--port",
                "0",
                "--data",
                dir.toString(),
                "--open-registration",
                "--unbound-spends")
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try {
      URI base = URI.create(readLines(p, 4).get(0).substring("verifier ".length()));
      HttpResponse<String> registered = register(base, null);
      assertThat(registered.statusCode()).isEqualTo(200);
      assertThat(registered.body()).contains("\"token\"");
      HttpResponse<String> unbound = spend(base, null);
      assertThat(unbound.statusCode()).isEqualTo(404);
      assertThat(unbound.body()).isEqualTo("balance does not exist");
      assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("operator token");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void verifiersOnOneRedisShareTheirState(@TempDir Path dir) throws Exception {
    assumeTrue(RedisProcess.available(), RedisProcess.MISSING);
    try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"))) {
      Path seed = dir.resolve("seed");
      List<Process> verifiers = new ArrayList<>();
      try {
        List<URI> bases = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          Process p =
              new ProcessBuilder(
                      TestEnvironment.launcher().toString(),
                      "verifier",
                      "--port",
                      "0",
                      "--redis",
                      redis.uri().toString(),
                      "--seed-file",
                      seed.toString(),
                      "--registration-token",
                      "shared-token")
                  .redirectError(dir.resolve("stderr" + i + ".txt").toFile())
                  .start();
          verifiers.add(p);
          bases.add(URI.create(readLines(p, 4).get(0).substring("verifier ".length())));
        }
        // Registered through the first, known to the second: it hands out no second token.
        HttpResponse<String> first = register(bases.get(0), "shared-token");
        assertThat(first.body()).contains("\"token\"");
        HttpResponse<String> second = register(bases.get(1), "shared-token");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).doesNotContain("\"token\"");
        assertThat(Files.readString(dir.resolve("stderr1.txt"))).doesNotContain("appendonly");
      } finally {
        for (Process p : verifiers) {
          p.destroy();
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
      }
    }
  }

  @Test
  void redisOptionsAreCheckedBeforeAnythingStarts(@TempDir Path dir) {
    String seed = dir.resolve("seed").toString();
    CliRun notRedis =
        CliRun.of("verifier", "--redis", "http://127.0.0.1:6379", "--seed-file", seed);
    assertThat(notRedis.exitCode()).isNotZero();
    assertThat(notRedis.err()).contains("not a Redis URI (redis://HOST:PORT[/DB] or rediss://...)");
    CliRun noSeed = CliRun.of("verifier", "--redis", "redis://127.0.0.1:1");
    assertThat(noSeed.exitCode()).isNotZero();
    assertThat(noSeed.err()).contains("--redis needs --seed-file");
    CliRun withData =
        CliRun.of("verifier", "--redis", "redis://127.0.0.1:1", "--data", dir.toString());
    assertThat(withData.exitCode()).isNotZero();
    assertThat(withData.err()).contains("instead of --data");
    CliRun unreachable =
        CliRun.of(
            "verifier", "--port", "0", "--redis", "redis://:pw@127.0.0.1:1", "--seed-file", seed);
    assertThat(unreachable.exitCode()).isNotZero();
    assertThat(unreachable.err()).contains("redis at redis://127.0.0.1:1 unreachable");
    assertThat(unreachable.err()).doesNotContain(":pw@");
  }

  private static List<String> readLines(Process p, int n) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(out.readLine());
    }
    return lines;
  }

  private static HttpResponse<String> spend(URI base, String pointer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/balances/nobody:spend"))
            .POST(HttpRequest.BodyPublishers.ofString("1"));
    if (pointer != null) {
      b.header("Payment-Pointer", pointer);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> register(URI base, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/proxy"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"paymentPointer\":\"$wallet.example/alice\"}"));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
