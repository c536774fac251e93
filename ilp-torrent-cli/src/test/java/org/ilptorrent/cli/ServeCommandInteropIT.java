package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ilp-torrent download --serve} as a process, fetched with {@code curl}: whole files, byte
 * ranges (several seeks on one connection), HEAD, 416, the listing, and a clean exit on SIGINT.
 */
class ServeCommandInteropIT {
  @TempDir Path dir;

  @Test
  void downloadServesTheFilesToCurlUntilSigint() throws Exception {
    int size = 2_000_003;
    Path film = ClientInteropIT.random(dir.resolve("film.mp4"), size, 21);
    byte[] bytes = Files.readAllBytes(film);
    int seedPort = TestEnvironment.freePort();
    int servePort = TestEnvironment.freePort();
    try (PartnerProcess seeder =
        PartnerProcess.start(
            dir,
            "seed",
            List.of(
                TestEnvironment.launcher().toString(),
                "seed",
                film.toString(),
                "--port",
                "" + seedPort))) {
      String magnet = seeder.await("^magnet:\\?\\S+$", seconds(90)).group();
      Path out = dir.resolve("out");
      // env resets SIGINT to its default: a process started in the background may inherit it
      // ignored, and a JVM then never sees Ctrl-C
      try (PartnerProcess leecher =
          PartnerProcess.start(
              dir,
              "download",
              List.of(
                  "env",
                  "--default-signal=INT",
                  TestEnvironment.launcher().toString(),
                  "download",
                  magnet,
                  "--out",
                  out.toString(),
                  "--serve",
                  "" + servePort))) {
        String page = leecher.await("^serving (http://\\S+)$", seconds(90)).group(1);
        String url = leecher.await("^file (http://\\S+)$", seconds(90)).group(1);
        assertThat(url).isEqualTo(page + "film.mp4").startsWith("http://127.0.0.1:" + servePort);
        leecher.await("^done ", seconds(120));
        leecher.await("^serving until stopped", seconds(10));
        String output = leecher.output();
        assertThat(output.indexOf("\nfile ")).isLessThan(output.indexOf("\ndone "));

        Path whole = dir.resolve("whole.bin");
        assertThat(curl("-o", whole.toString(), "-w", "%{http_code}", url)).isEqualTo("200");
        assertThat(Files.readAllBytes(whole)).isEqualTo(bytes);

        assertRange(url, "0-0", 0, 0, bytes);
        assertRange(url, "-100", size - 100, size - 1, bytes);
        assertRange(url, "1999000-", 1_999_000, size - 1, bytes);
        assertRange(url, "123456-234567", 123_456, 234_567, bytes);

        // several seeks on one connection (curl reuses it between --next requests)
        List<String> seeks = new ArrayList<>(List.of("-sS", "-v"));
        int[][] ranges = {{5, 9}, {1_000_000, 1_000_999}, {65_530, 65_545}, {size - 3, size - 1}};
        for (int i = 0; i < ranges.length; i++) {
          if (i > 0) {
            seeks.add("--next");
          }
          seeks.addAll(
              List.of(
                  "-r",
                  ranges[i][0] + "-" + ranges[i][1],
                  "-o",
                  dir.resolve("seek" + i).toString(),
                  url));
        }
        String verbose = curlWithStderr(seeks);
        assertThat(verbose).contains("Re-using existing connection");
        for (int i = 0; i < ranges.length; i++) {
          assertThat(Files.readAllBytes(dir.resolve("seek" + i)))
              .isEqualTo(Arrays.copyOfRange(bytes, ranges[i][0], ranges[i][1] + 1));
        }

        String head = curl("-I", url);
        assertThat(head)
            .startsWith("HTTP/1.1 200")
            .containsIgnoringCase("content-length: " + size)
            .containsIgnoringCase("accept-ranges: bytes")
            .containsIgnoringCase("content-type: video/mp4");
        String unsatisfiable = curl("-D", "-", "-o", "/dev/null", "-r", size + "-", url);
        assertThat(unsatisfiable)
            .startsWith("HTTP/1.1 416")
            .containsIgnoringCase("content-range: bytes */" + size);
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-r", "9-5", url))
            .isEqualTo("200");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", url))
            .isEqualTo("405");
        assertThat(curl("http://127.0.0.1:" + servePort + "/")).contains(">film.mp4<");

        new ProcessBuilder("kill", "-INT", "" + leecher.pid()).start().waitFor();
        assertThat(leecher.exitCode(seconds(30))).as(leecher.tail()).isEqualTo(130);
        // the port is closed: curl cannot connect (exit code 7)
        Process refused =
            new ProcessBuilder("curl", "-sS", "-o", "/dev/null", page)
                .redirectErrorStream(true)
                .start();
        assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(7);
      }
    }
  }

  private void assertRange(String url, String range, int first, int last, byte[] bytes)
      throws Exception {
    Path got = dir.resolve("range.bin");
    String headers = curl("-D", "-", "-o", got.toString(), "-r", range, url);
    assertThat(headers)
        .as(range)
        .startsWith("HTTP/1.1 206")
        .containsIgnoringCase("content-range: bytes " + first + "-" + last + "/" + bytes.length);
    assertThat(Files.readAllBytes(got)).isEqualTo(Arrays.copyOfRange(bytes, first, last + 1));
  }

  /** curl's stdout, failing unless it exits 0. */
  private String curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60"));
    command.addAll(List.of(args));
    return run(command, false);
  }

  /** curl's stdout and stderr (for -v), failing unless it exits 0. */
  private String curlWithStderr(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "--max-time", "60"));
    command.addAll(args);
    return run(command, true);
  }

  private String run(List<String> command, boolean withStderr) throws Exception {
    Path log = Files.createTempFile(dir, "curl", ".log");
    ProcessBuilder b = new ProcessBuilder(command).redirectOutput(log.toFile());
    if (withStderr) {
      b.redirectErrorStream(true);
    } else {
      b.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    Process p = b.start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("curl finished").isTrue();
    String out = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertThat(p.exitValue()).as("curl %s: %s", command, out).isZero();
    return out;
  }
}
