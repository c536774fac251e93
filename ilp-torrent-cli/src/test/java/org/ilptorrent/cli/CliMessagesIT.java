package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as a process, where a mistake would otherwise leave it running or waiting forever:
 * refused options exit at once, a download with nowhere to get data from gives up at --timeout
 * saying why, and services name their URLs and ports.
 */
class CliMessagesIT {
  @TempDir Path dir;

  private PartnerProcess run(String name, String... args) throws Exception {
    return PartnerProcess.launch(dir, name, args);
  }

  /** Runs to its end and checks the one-line error. */
  private String refused(String name, String... args) throws Exception {
    try (PartnerProcess p = run(name, args)) {
      assertThat(p.exitCode(seconds(120))).as(p.output()).isEqualTo(2);
      String out = p.output();
      assertThat(out.lines().filter(l -> l.startsWith("ilp-torrent: ")).count()).isEqualTo(1);
      assertThat(out).doesNotContainPattern(CliMessagesTest.CLASS_NAME);
      return out;
    }
  }

  @Test
  void seedOfATorrentFileWithoutOutIsRefusedPointingToOut() throws Exception {
    Path data = ClientInteropIT.random(dir.resolve("film.bin"), 100_000, 1);
    Path torrent =
        Files.write(
            dir.resolve("film.torrent"),
            TorrentCreator.builder().addPath(data).build().create().torrentFile());

    assertThat(refused("seed-torrent", "seed", torrent.toString()))
        .contains(torrent + " is a .torrent file: to seed its data", "--out DIR");
  }

  @Test
  void badTrackerAndVerifierUrlsAreRefused() throws Exception {
    Path data = ClientInteropIT.random(dir.resolve("film.bin"), 1_000, 2);
    assertThat(refused("seed-announce", "seed", data.toString(), "--announce", "notaurl"))
        .contains("--announce: 'notaurl' is not a URL with a host and the scheme http, https,");
    assertThat(refused("tracker-verifier", "tracker", "--port", "0", "--allow-verifier", "ftp://x"))
        .contains(
            "--allow-verifier: 'ftp://x' is not a URL with a host and the scheme http or https"
                + " (the scheme is ftp)");
  }

  @Test
  void downloadWithNowhereToGetDataShowsFetchingMetadataEachFailureOnceAndGivesUp()
      throws Exception {
    int dead = TestEnvironment.freePort();
    String http = "http://127.0.0.1:" + dead + "/announce";
    String ws = "ws://127.0.0.1:" + dead;
    String magnet =
        "magnet:?xt=urn:btih:"
            + "0123456789abcdef".repeat(2)
            + "01234567"
            + "&tr="
            + java.net.URLEncoder.encode(http, java.nio.charset.StandardCharsets.UTF_8)
            + "&tr="
            + java.net.URLEncoder.encode(ws, java.nio.charset.StandardCharsets.UTF_8);
    try (PartnerProcess p =
        run(
            "download",
            "download",
            magnet,
            "--out",
            dir.resolve("out").toString(),
            "--timeout",
            "6s")) {
      assertThat(p.exitCode(seconds(120))).as(p.output()).isEqualTo(1);
      String out = p.output();
      assertThat(out).contains("fetching metadata  0 peers").doesNotContain("downloading");
      assertThat(out.lines().filter(l -> l.startsWith("warning: " + http))).hasSize(1);
      assertThat(out.lines().filter(l -> l.startsWith("warning: " + ws + ":"))).hasSize(1);
      assertThat(out)
          .contains("warning: " + http + ": unreachable: connection refused")
          .contains(
              "ilp-torrent: no metadata after 6 s: no peer found; "
                  + http
                  + ": unreachable: connection refused; "
                  + ws
                  + ": ")
          .doesNotContainPattern(CliMessagesTest.CLASS_NAME);
    }
  }

  @Test
  void trackerOnIpv6LoopbackPrintsBracketedUrlsAndATakenPortIsNamed() throws Exception {
    int port = TestEnvironment.freePort();
    try (PartnerProcess tracker =
        run("tracker6", "tracker", "--host", "::1", "--port", "" + port)) {
      tracker.await("^announce http://\\[::1\\]:" + port + "/announce$", seconds(90));
      assertThat(tracker.output()).contains("announce ws://[::1]:" + port + "\n");

      assertThat(refused("tracker-again", "tracker", "--host", "::1", "--port", "" + port))
          .contains(
              "ilp-torrent: cannot listen on ::1 port "
                  + port
                  + ": the address is already in use (another program has the port");
    }
  }
}
