package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ilp-torrent} launcher's {@code seed} and {@code download} inside a private network
 * namespace ({@link Netns}): with a WebSocket tracker they find each other over WebRTC (the
 * magnet's TCP address removed), and {@code --no-webrtc} leaves them on TCP.
 */
class CommandLineWebRtcIT {
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration TRANSFER = Duration.ofSeconds(180);

  @TempDir Path dir;

  @Test
  void seedAndDownloadMeetOverWebRtcThroughAWebSocketTracker() throws Exception {
    Path file = TestFiles.random(dir.resolve("seed"), "cli.bin", 3 * 1024 * 1024 + 1);
    try (Netns ns = Netns.create()) {
      String tracker = tracker(ns);
      Netns.Proc seeder =
          ns.start(
              dir, "seed", cli("seed", file.toString(), "--host", Netns.A, "--announce", tracker));
      String magnet = seeder.await("^magnet:\\?\\S+$", START).group();
      String webRtcOnly = magnet.replaceAll("&x\\.pe=[^&]*", "");
      assertThat(webRtcOnly).doesNotContain("x.pe");

      Path out = dir.resolve("out");
      Netns.Proc download =
          ns.start(
              dir,
              "download",
              cli("download", webRtcOnly, "--host", Netns.B, "--out", out.toString()));
      assertThat(download.waitFor(TRANSFER)).as(download.output()).isZero();
      assertThat(Files.mismatch(file, out.resolve("cli.bin"))).isEqualTo(-1);
    }
  }

  @Test
  void noWebRtcKeepsBothOnTcp() throws Exception {
    Path file = TestFiles.random(dir.resolve("seed"), "tcp.bin", 1024 * 1024 + 1);
    try (Netns ns = Netns.create()) {
      String tracker = tracker(ns);
      Netns.Proc seeder =
          ns.start(
              dir,
              "seed",
              cli(
                  "seed",
                  file.toString(),
                  "--host",
                  Netns.A,
                  "--announce",
                  tracker,
                  "--no-webrtc"));
      String magnet = seeder.await("^magnet:\\?\\S+$", START).group();
      assertThat(magnet).contains("x.pe=");

      Path out = dir.resolve("out");
      Netns.Proc download =
          ns.start(
              dir,
              "download",
              cli("download", magnet, "--host", Netns.B, "--out", out.toString(), "--no-webrtc"));
      assertThat(download.waitFor(TRANSFER)).as(download.output()).isZero();
      assertThat(Files.mismatch(file, out.resolve("tcp.bin"))).isEqualTo(-1);
    }
  }

  private String tracker(Netns ns) throws Exception {
    Netns.Proc t = ns.start(dir, "tracker", cli("tracker", "--host", Netns.A, "--port", "18000"));
    return t.await("^announce (ws://\\S+)$", START).group(1);
  }

  private static List<String> cli(String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(TestEnvironment.launcher().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }
}
