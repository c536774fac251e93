package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ilp-torrent download} killed with SIGKILL half-way and started again on the same folder
 * finishes without fetching the verified pieces again: a libtorrent seeder (upload-limited, so the
 * kill lands mid-download) uploads about the torrent's size in all, not that plus what the first
 * run had.
 */
class KilledDownloadInteropIT {
  private static final Path BT = TestEnvironment.repositoryRoot().resolve("interop/bt");
  private static final int SIZE = 48 * 1024 * 1024;
  private static final Pattern PERCENT = Pattern.compile("downloading\\s+([0-9.]+)%");
  private static final Pattern UPLOADED = Pattern.compile(" up=(\\d+)");

  @TempDir Path dir;

  @Test
  void aKilledDownloadResumesWithoutFetchingVerifiedPiecesAgain() throws Exception {
    Path data = java.nio.file.Files.createDirectory(dir.resolve("data"));
    Path file = ClientInteropIT.random(data.resolve("big.bin"), SIZE, 3);
    Path torrent = ClientInteropIT.mktorrent(file, dir.resolve("big.torrent"));
    int port = TestEnvironment.freePort();
    try (PartnerProcess seeder =
        PartnerProcess.start(
            dir,
            "lt-seed",
            List.of(
                "/usr/bin/python3",
                BT.resolve("lt_seed.py").toString(),
                torrent.toString(),
                data.toString(),
                Integer.toString(port),
                "--upload-limit",
                Integer.toString(4 * 1024 * 1024),
                "--timeout",
                "200"))) {
      seeder.await("^seeding (\\d+)", seconds(60));
      Path out = dir.resolve("out");
      List<String> download =
          List.of(
              TestEnvironment.launcher().toString(),
              "download",
              torrent.toString(),
              "--out",
              out.toString(),
              "--peer",
              "127.0.0.1:" + port);

      try (PartnerProcess first = PartnerProcess.start(dir, "first", download)) {
        double percent =
            Await.until(
                "the first download to pass 30%",
                seconds(90),
                () -> {
                  double last = 0;
                  Matcher m = PERCENT.matcher(first.output());
                  while (m.find()) {
                    last = Double.parseDouble(m.group(1));
                  }
                  assertThat(first.isAlive())
                      .withFailMessage(
                          "the download ended before 30%%: %s%nseeder: %s",
                          first.tail(), seeder.tail())
                      .isTrue();
                  return last;
                },
                p -> p >= 30);
        assertThat(percent).as("a progress line past 30%").isBetween(30.0, 99.9);
        first.kill();
      }

      try (PartnerProcess second = PartnerProcess.start(dir, "second", download)) {
        assertThat(second.exitCode(seconds(150))).as(second.tail()).isZero();
      }
      ClientInteropIT.assertSameBytes(file, out.resolve("big.bin"));
      // The seeder prints its totals once a second: a line printed after the download ended
      // counts every byte it sent.
      int printedBefore = seeder.output().length();
      Await.until(
          "the seeder's totals after the download",
          seconds(10),
          () -> {
            String printed = seeder.output();
            return printed.length() > printedBefore
                && UPLOADED.matcher(printed.substring(printedBefore)).find();
          });
      long uploaded = 0;
      Matcher m = UPLOADED.matcher(seeder.output());
      while (m.find()) {
        uploaded = Math.max(uploaded, Long.parseLong(m.group(1)));
      }
      assertThat(uploaded)
          .as("bytes the seeder sent over both runs")
          .isGreaterThanOrEqualTo(SIZE * 3L / 10)
          .isLessThan(SIZE + SIZE / 5L);
    }
  }
}
