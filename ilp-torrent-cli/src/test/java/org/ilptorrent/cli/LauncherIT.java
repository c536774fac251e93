package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./ilp-torrent launcher at the repository root, run from another directory. */
class LauncherIT {

  private record Result(int code, String out, String err) {}

  private static Result run(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(TestEnvironment.launcher().toString()));
    command.addAll(List.of(args));
    Path out = cwd.resolve("out.txt");
    Path err = cwd.resolve("err.txt");
    Process p =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void decodesAForkMagnetFromAnyDirectory(@TempDir Path cwd) throws Exception {
    Result r = run(cwd, "magnet", "decode", MagnetCommandTest.FORK);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"paymentPointer\" : \"$wallet.example/alice\"");
    assertThat(r.out()).contains("\"verifier\" : \"https://verifier.example\"");
  }

  @Test
  void badInputExitsTwoWithOneLine(@TempDir Path cwd) throws Exception {
    Result r = run(cwd, "magnet", "decode", "magnet:?xt=urn:btih:nothex");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().filter(l -> l.startsWith("ilp-torrent: ")).count()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("Exception");
  }
}
