package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
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
    Path file = data("film.bin", 5 * 1024 * 1024 + 123);
    try (Netns ns = Netns.create()) {
      String tracker = tracker(ns);
      Netns.Proc seeder = seeder(ns, file, tracker);
      String seederTcp = Netns.A + ":" + seeder.await("^tcp (\\d+)$", START).group(1);
      String magnet = seeder.await("^magnet (\\S+)$", START).group(1);
      assertThat(magnet).doesNotContain("x.pe");

      Path out = Files.createDirectories(dir.resolve("webrtc"));
      // No TCP peer is given, the magnet names none and a WebSocket tracker returns none: every
      // byte comes over WebRTC.
      Netns.Proc leecher =
          ns.start(
              dir,
              "leecher",
              Netns.java(NetnsPeer.class, "leech", Netns.B, magnet, out.toString(), "webrtc"));
      assertThat(leecher.waitFor(TRANSFER)).as(leecher.output()).isZero();
      assertThat(leecher.output()).contains("done").containsPattern("(?m)^peer ");
      assertThat(leecher.output()).doesNotContain("peer " + seederTcp);
      assertThat(Files.mismatch(file, out.resolve("film.bin"))).isEqualTo(-1);
    }
  }

  @Test
  void oneTorrentServedToATcpPeerAndAWebRtcPeerAtOnce() throws Exception {
    Path file = data("both.bin", 4 * 1024 * 1024 + 77);
    try (Netns ns = Netns.create()) {
      String tracker = tracker(ns);
      Netns.Proc seeder = seeder(ns, file, tracker);
      String seederTcp = Netns.A + ":" + seeder.await("^tcp (\\d+)$", START).group(1);
      String magnet = seeder.await("^magnet (\\S+)$", START).group(1);

      Path viaWebRtc = Files.createDirectories(dir.resolve("webrtc"));
      Path viaTcp = Files.createDirectories(dir.resolve("tcp"));
      Netns.Proc webrtc =
          ns.start(
              dir,
              "webrtc-leecher",
              Netns.java(
                  NetnsPeer.class, "leech", Netns.B, magnet, viaWebRtc.toString(), "webrtc"));
      Netns.Proc tcp =
          ns.start(
              dir,
              "tcp-leecher",
              Netns.java(
                  NetnsPeer.class, "leech", Netns.B, magnet, viaTcp.toString(), "tcp", seederTcp));
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

  private String tracker(Netns ns) throws Exception {
    Netns.Proc t = ns.start(dir, "tracker", Netns.java(NetnsPeer.class, "tracker", Netns.A));
    return t.await("^tracker (ws://\\S+)$", START).group(1);
  }

  private Netns.Proc seeder(Netns ns, Path file, String tracker) throws Exception {
    return ns.start(
        dir,
        "seeder",
        Netns.java(NetnsPeer.class, "seed", Netns.A, file.toString(), tracker, "webrtc"));
  }

  private Path data(String name, int size) throws Exception {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Path folder = Files.createDirectories(dir.resolve("seed"));
    return Files.write(folder.resolve(name), bytes);
  }
}
