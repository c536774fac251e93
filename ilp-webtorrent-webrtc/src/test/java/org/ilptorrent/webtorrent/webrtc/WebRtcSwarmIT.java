package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java to Java over WebRTC through our WebSocket tracker, each peer a JVM of its own inside a
 * private network namespace ({@link Netns}): the seeder at 198.18.0.1, leechers at 198.18.0.2.
 */
class WebRtcSwarmIT {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration TRANSFER = Duration.ofSeconds(150);

  @TempDir Path dir;

  @Test
  void javaSeederToJavaLeecherOverWebRtcOnly() throws Exception {
    Path file = TestFiles.random(dir.resolve("seed"), "film.bin", 5 * 1024 * 1024 + 123);
    try (Netns ns = Netns.create()) {
      String tracker = ns.javaTracker(dir, START);
      Netns.Proc seeder = seeder(ns, file, tracker);
      String seederTcp = Netns.A + ":" + seeder.await("^tcp (\\d+)$", START).group(1);
      String magnet = seeder.await("^magnet (\\S+)$", START).group(1);
      assertThat(magnet).doesNotContain("x.pe");

      Path out = Files.createDirectories(dir.resolve("webrtc"));
      // No TCP peer is given, the magnet names none and a WebSocket tracker returns none: every
      // byte comes over WebRTC.
      Netns.Proc leecher =
          ns.javaPeer(dir, "leecher", "leech", Netns.B, magnet, out.toString(), "webrtc");
      assertThat(leecher.waitFor(TRANSFER)).as(leecher.output()).isZero();
      assertThat(leecher.output()).contains("done").containsPattern("(?m)^peer ");
      assertThat(leecher.output()).doesNotContain("peer " + seederTcp);
      assertThat(Files.mismatch(file, out.resolve("film.bin"))).isEqualTo(-1);
    }
  }

  @Test
  void oneTorrentServedToATcpPeerAndAWebRtcPeerAtOnce() throws Exception {
    Path file = TestFiles.random(dir.resolve("seed"), "both.bin", 4 * 1024 * 1024 + 77);
    try (Netns ns = Netns.create()) {
      String tracker = ns.javaTracker(dir, START);
      Netns.Proc seeder = seeder(ns, file, tracker);
      String seederTcp = Netns.A + ":" + seeder.await("^tcp (\\d+)$", START).group(1);
      String magnet = seeder.await("^magnet (\\S+)$", START).group(1);

      Path viaWebRtc = Files.createDirectories(dir.resolve("webrtc"));
      Path viaTcp = Files.createDirectories(dir.resolve("tcp"));
      Netns.Proc webrtc =
          ns.javaPeer(
              dir, "webrtc-leecher", "leech", Netns.B, magnet, viaWebRtc.toString(), "webrtc");
      Netns.Proc tcp =
          ns.javaPeer(
              dir, "tcp-leecher", "leech", Netns.B, magnet, viaTcp.toString(), "tcp", seederTcp);
      assertThat(webrtc.waitFor(TRANSFER)).as(webrtc.output()).isZero();
      assertThat(tcp.waitFor(TRANSFER)).as(tcp.output()).isZero();

      assertThat(tcp.output()).contains("peer " + seederTcp);
      assertThat(webrtc.output()).containsPattern("(?m)^peer ").doesNotContain("peer " + seederTcp);
      assertThat(Files.mismatch(file, viaWebRtc.resolve("both.bin"))).isEqualTo(-1);
      assertThat(Files.mismatch(file, viaTcp.resolve("both.bin"))).isEqualTo(-1);
      // the seeder served both: one connection over TCP (from B's TCP socket) and one over WebRTC
      Matcher peers = java.util.regex.Pattern.compile("(?m)^peer (\\S+)$").matcher(seeder.output());
      assertThat(peers.results().count()).isGreaterThanOrEqualTo(2);
    }
  }

  private Netns.Proc seeder(Netns ns, Path file, String tracker) throws Exception {
    return ns.javaPeer(dir, "seeder", "seed", Netns.A, file.toString(), tracker, "webrtc");
  }
}
