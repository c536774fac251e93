package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ilp-torrent demo}: the whole paid flow in-process, as a user runs it. Every step is
 * printed once and in order, the balances move by the price, and the file arrives byte for byte.
 */
class DemoCommandIT {
  @TempDir Path dir;

  @Test
  void publishesPaysDownloadsAndChecksTheBalances() throws Exception {
    Path keep = dir.resolve("kept");
    CliRun run = CliRun.of("demo", "--size", "4MiB", "--keep", keep.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    // In the order they must come; progress lines ('downloading ...') may come between.
    List<String> steps =
        List.of(
            "verifier http://127\\.0\\.0\\.1:\\d+ \\(memory store\\)",
            "wallet http://127\\.0\\.0\\.1:\\d+: alice \\S+, bob \\S+ \\(USD, scale 9\\)",
            "tracker http://127\\.0\\.0\\.1:\\d+/announce \\(allows http://127\\.0\\.0\\.1:\\d+\\)",
            "generated .*demo\\.bin \\(4\\.0 MiB of random bytes, sha-256 [0-9a-f]{64}\\)",
            "published magnet:\\?xt=urn:btih:[0-9a-f]{40}&.*&pp=.*&vr=.*",
            "price 0\\.500000000 USD \\(500000000 at scale 9\\) to http://127\\.0\\.0\\.1:\\d+/spsp/"
                + "[0-9a-f]{64}",
            "balances before: bob 5\\.000000000 USD, alice 0\\.000000000 USD, verifier 0\\.000000000"
                + " USD",
            "bob downloads the magnet, paying up to 0\\.50 USD",
            "payment required 0\\.500000000 USD to http://.*",
            "paying 0\\.500000000 USD from bob's wallet over STREAM",
            "spent 0\\.500000000 USD from bob's balance at the verifier .*",
            "admitted by the tracker.*",
            "first piece \\d+\\.\\d\\d s after payment required",
            "downloaded 4\\.0 MiB in .*",
            "verified .*demo\\.bin: sha-256 identical to alice's file",
            "balances after: bob 4\\.5\\d+ USD \\(-0\\.5\\d+ USD\\), alice 0\\.5\\d+ USD \\(\\+0\\.5\\d+"
                + " USD\\), verifier \\d\\.\\d+ USD \\(credited 0\\.5\\d+ USD, spent 0\\.500000000"
                + " USD\\)",
            "demo ok in \\d+\\.\\d s");
    int at = -1;
    for (String step : steps) {
      int found = -1;
      for (int i = at + 1; i < lines.size(); i++) {
        if (lines.get(i).matches(step)) {
          found = i;
          break;
        }
      }
      assertThat(found)
          .as("a line matching %s after line %d in%n%s", step, at, run.out())
          .isGreaterThan(at);
      at = found;
    }
    // paid and credited come between paying and the spend, in either order (receipts are
    // credited as they arrive)
    assertThat(lines)
        .anyMatch(l -> l.matches("paid 0\\.5\\d+ USD .*"))
        .anyMatch(
            l -> l.matches("receipts credited 0\\.5\\d+ USD to bob's balance at the verifier"));
    assertThat(lines.get(lines.size() - 1)).startsWith("demo ok in ");
    assertThat(Files.readAllBytes(keep.resolve("download").resolve("demo.bin")))
        .isEqualTo(Files.readAllBytes(keep.resolve("data").resolve("demo.bin")));
  }

  @Test
  void ctrlCClosesEverythingAndRemovesTheTemporaryFolders() throws Exception {
    // 64 MiB: publishing, paying and downloading it take seconds after 'generated', far longer
    // than the signal takes to arrive, so the demo is stopped midway.
    List<String> command =
        List.of(TestEnvironment.launcher().toString(), "demo", "--size", "64MiB");
    try (PartnerProcess demo = PartnerProcess.start(dir, "demo", command)) {
      Path folder =
          Path.of(demo.await("(?m)^generated (\\S+)/data/demo\\.bin ", seconds(120)).group(1));
      assertThat(folder).exists();
      // what a terminal's Ctrl-C sends
      Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start();
      assertThat(interrupt.waitFor()).isZero();
      assertThat(demo.exitCode(seconds(30))).isEqualTo(130);
      assertThat(demo.output()).contains("ilp-torrent: demo stopped; everything closed");
      assertThat(demo.output()).doesNotContain("demo failed").doesNotContain("demo ok");
      assertThat(folder).doesNotExist();
    }
  }

  @Test
  void refusesASizeItCannotRead() {
    CliRun words = CliRun.of("demo", "--size", "lots");
    assertThat(words.exitCode()).isEqualTo(2);
    assertThat(words.err()).contains("not a size: 'lots' (use 64MiB, 512KiB or 1GiB)");
    CliRun zero = CliRun.of("demo", "--size", "0MiB");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("size out of range: '0MiB'");
  }

  @Test
  void refusesAKeepFolderInUse() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    CliRun run = CliRun.of("demo", "--size", "4MiB", "--keep", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--keep").contains("exists");
  }
}
