package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracker that refuses: Debian's opentracker serves only whitelisted info hashes and answers
 * every other announce with a {@code failure reason}. Both {@code seed} and {@code download} show
 * that reason (once), and a download that gives up at {@code --timeout} names it.
 */
class TrackerFailureInteropIT {
  private static final String REFUSAL =
      "tracker failure: Requested download is not authorized for use with this tracker.";

  @TempDir Path dir;

  private PartnerProcess run(String name, String... args) throws Exception {
    return PartnerProcess.launch(dir, name, args);
  }

  @Test
  void seedAndDownloadShowTheTrackersFailureReason() throws Exception {
    int port = TestEnvironment.freePort();
    String announce = "http://127.0.0.1:" + port + "/announce";
    Path file = ClientInteropIT.random(dir.resolve("film.bin"), 300_000, 3);
    try (PartnerProcess tracker =
        PartnerProcess.start(
            dir,
            "opentracker",
            List.of("opentracker", "-i", "127.0.0.1", "-p", "" + port, "-P", "" + port))) {
      Await.until(
          "opentracker to listen",
          seconds(30),
          () -> {
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
              return true;
            } catch (java.io.IOException e) {
              return false;
            }
          });
      try (PartnerProcess seeder = run("seed", "seed", file.toString(), "--announce", announce)) {
        String magnet = seeder.await("^magnet:\\?\\S+$", seconds(90)).group();
        seeder.await(
            "^warning: " + java.util.regex.Pattern.quote(announce + ": " + REFUSAL) + "$",
            seconds(60));

        String trackerOnly = magnet.replaceAll("&x\\.pe=[^&]*", "");
        try (PartnerProcess leecher =
            run(
                "download",
                "download",
                trackerOnly,
                "--out",
                dir.resolve("out").toString(),
                "--timeout",
                "5s")) {
          assertThat(leecher.exitCode(seconds(120))).as(leecher.output()).isEqualTo(1);
          String out = leecher.output();
          assertThat(out.lines().filter(l -> l.equals("warning: " + announce + ": " + REFUSAL)))
              .hasSize(1);
          assertThat(out)
              .contains(
                  "ilp-torrent: no metadata after 5 s: no peer found; "
                      + announce
                      + ": "
                      + REFUSAL);
        }
        assertThat(seeder.output().lines().filter(l -> l.startsWith("warning: "))).hasSize(1);
      }
    }
  }
}
