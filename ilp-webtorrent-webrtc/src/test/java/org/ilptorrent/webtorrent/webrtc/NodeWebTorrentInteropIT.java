package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node WebTorrent 3 (interop/npm/webtorrent, WebRTC through @roamhq/wrtc) and our client over
 * WebRTC only, through our WebSocket tracker, inside a private network namespace ({@link Netns}):
 * node downloads from a Java seeder, and a Java leecher downloads what node seeds.
 */
class NodeWebTorrentInteropIT {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration TRANSFER = Duration.ofSeconds(150);

  @TempDir Path dir;

  @Test
  void nodeWebTorrentDownloadsFromAJavaSeeder() throws Exception {
    Path file = TestFiles.random(dir.resolve("seed"), "from-java.bin", 6 * 1024 * 1024 + 5);
    try (Netns ns = Netns.create()) {
      String tracker = ns.javaTracker(dir, START);
      Netns.Proc seeder =
          ns.javaPeer(dir, "java-seeder", "seed", Netns.A, file.toString(), tracker, "webrtc");
      String magnet = seeder.await("^magnet (\\S+)$", START).group(1);

      Path out = Files.createDirectories(dir.resolve("node-out"));
      Netns.Proc node =
          ns.start(
              dir,
              "node-leecher",
              Netns.node(List.of(), "peer.mjs", "leech", magnet, out.toString()));
      String sha1 = node.await("^done ([0-9a-f]{40}) ", TRANSFER).group(1);
      assertThat(node.waitFor(START)).isZero();
      assertThat(sha1).isEqualTo(TestFiles.sha1(file));
      assertThat(Files.mismatch(file, out.resolve("from-java.bin"))).isEqualTo(-1);
      assertThat(node.output()).containsPattern("(?m)^peer .* webrtc$");
    }
  }

  @Test
  void aJavaLeecherDownloadsFromNodeWebTorrent() throws Exception {
    Path file = TestFiles.random(dir.resolve("node-seed"), "from-node.bin", 6 * 1024 * 1024 + 11);
    try (Netns ns = Netns.create()) {
      String tracker = ns.javaTracker(dir, START);
      Netns.Proc node =
          ns.start(
              dir,
              "node-seeder",
              Netns.node(List.of(), "peer.mjs", "seed", file.toString(), tracker));
      String magnet = node.await("^magnet (\\S+)$", START).group(1);

      Path out = Files.createDirectories(dir.resolve("java-out"));
      Netns.Proc leecher =
          ns.javaPeer(dir, "java-leecher", "leech", Netns.B, magnet, out.toString(), "webrtc");
      assertThat(leecher.waitFor(TRANSFER)).as(leecher.output()).isZero();
      assertThat(leecher.output()).contains("done").containsPattern("(?m)^peer ");
      assertThat(Files.mismatch(file, out.resolve("from-node.bin"))).isEqualTo(-1);
      node.await("^upload [1-9]\\d*$", START);
    }
  }
}
