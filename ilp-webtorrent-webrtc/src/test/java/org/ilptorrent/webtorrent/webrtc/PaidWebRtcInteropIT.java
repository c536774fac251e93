package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paid torrent over WebRTC: the tracker forwards offers of admitted peers only, so a
 * browser-style leecher (node WebTorrent, which does not speak {@code ilp_access}) announcing with
 * a funded balance id gets the file from our paid seeder, and one announcing with an unfunded id
 * gets no offer answered and no byte. Every service and peer runs in a private network namespace.
 */
class PaidWebRtcInteropIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration TRANSFER = Duration.ofSeconds(150);

  @TempDir Path dir;

  @Test
  void aFundedLeecherGetsThePaidFileOverWebRtcAndAnUnfundedOneNothing() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(bytes);
    Path file =
        Files.write(Files.createDirectories(dir.resolve("seed")).resolve("paid.bin"), bytes);
    try (Netns ns = Netns.create()) {
      Netns.Proc paid = ns.javaPeer(dir, "paid", "paid", Netns.A, file.toString());
      String magnet = paid.await("^magnet (\\S+)$", START).group(1);
      String funded = paid.await("^funded (\\S+)$", START).group(1);
      assertThat(magnet).contains("pp=").contains("vr=");

      Path unpaidOut = Files.createDirectories(dir.resolve("unpaid"));
      Netns.Proc unpaid =
          ns.start(
              dir,
              "node-unfunded",
              Netns.node(
                  List.of("REQUEST_ID=" + UUID.randomUUID()),
                  "peer.mjs",
                  "leech",
                  magnet,
                  unpaidOut.toString()));
      Path paidOut = Files.createDirectories(dir.resolve("paid-out"));
      Netns.Proc buyer =
          ns.start(
              dir,
              "node-funded",
              Netns.node(
                  List.of("REQUEST_ID=" + funded),
                  "peer.mjs",
                  "leech",
                  magnet,
                  paidOut.toString()));

      String sha1 = buyer.await("^done ([0-9a-f]{40}) ", TRANSFER).group(1);
      assertThat(sha1)
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)));
      assertThat(buyer.output()).containsPattern("(?m)^peer .* webrtc$");

      // The unfunded leecher announced all along and was told to pay; it never met a peer.
      unpaid.await("warning payment (required|failed)", START);
      unpaid.await("^progress 0$", START);
      assertThat(unpaid.output())
          .doesNotContainPattern("(?m)^peer ")
          .doesNotContainPattern("(?m)^progress [1-9]")
          .doesNotContain("done");
    }
  }
}
