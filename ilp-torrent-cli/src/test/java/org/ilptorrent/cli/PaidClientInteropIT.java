package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.webtorrent.SeedOptions;
import org.ilptorrent.webtorrent.WebTorrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorrent 2.0 and aria2 1.36 (driven by {@code interop/bt/}) pointed at one seeder of ours that
 * seeds a paid torrent and a free one: they get no byte of the paid one (they cannot show an access
 * ticket) and download the free one as usual.
 */
class PaidClientInteropIT {
  private static final Path BT = TestEnvironment.repositoryRoot().resolve("interop/bt");
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir Path dir;

  @Test
  void libtorrentAndAria2GetNothingOfAPaidTorrentAndTheFreeOneWhole() throws Exception {
    Path data = Files.createDirectory(dir.resolve("data"));
    Path paidFile = ClientInteropIT.random(data.resolve("paid.bin"), 1_000_003, 5);
    Path freeFile = ClientInteropIT.random(data.resolve("free.bin"), 1_000_007, 6);
    License license =
        License.ofPrice(
            PaymentPointer.parse("http://127.0.0.1:1/spsp/" + "cd".repeat(32)),
            URI.create("http://127.0.0.1:1"),
            new BigDecimal("0.50"),
            "USD",
            9);
    Path paidTorrent = dir.resolve("paid.torrent");
    Files.write(
        paidTorrent,
        TorrentCreator.builder().addPath(paidFile).license(license).build().create().torrentFile());
    Path freeTorrent = ClientInteropIT.mktorrent(freeFile, dir.resolve("free.torrent"));
    try (WebTorrent seeder = WebTorrent.builder().downloadFolder(data).start()) {
      org.ilptorrent.webtorrent.Torrent paid =
          seeder.seed(TorrentInfo.parse(paidTorrent), data, SeedOptions.defaults());
      paid.trackerKey(AccessKeys.generate().getPublic());
      seeder.seed(TorrentInfo.parse(freeTorrent), data, SeedOptions.defaults());
      paid.whenDone().get(30, TimeUnit.SECONDS);
      String peer = "127.0.0.1:" + seeder.port();

      // aria2 finds us through a tracker that names only us; libtorrent is told our address.
      // Each client's paid and free runs are in turn, the two clients side by side.
      int trackerPort = TestEnvironment.freePort();
      try (PartnerProcess tracker =
          PartnerProcess.start(
              dir,
              "tracker",
              List.of(
                  PYTHON,
                  BT.resolve("static_tracker.py").toString(),
                  Integer.toString(trackerPort),
                  peer,
                  "--timeout",
                  "300"))) {
        tracker.await("^tracker \\d+", seconds(30));
        String announce = "http://127.0.0.1:" + trackerPort + "/announce";

        Path ltPaid = Files.createDirectory(dir.resolve("lt-paid"));
        Path a2Paid = Files.createDirectory(dir.resolve("a2-paid"));
        try (PartnerProcess lt = libtorrent(paidTorrent, ltPaid, peer, 25);
            PartnerProcess a2 = aria2(paidTorrent, a2Paid, announce, 25)) {
          assertThat(lt.exitCode(seconds(60))).as(lt.tail()).isEqualTo(1);
          assertThat(a2.exitCode(seconds(60))).as(a2.tail()).isNotZero();
        }
        assertNothingOf(ltPaid.resolve("paid.bin"));
        assertNothingOf(a2Paid.resolve("paid.bin"));

        Path ltFree = Files.createDirectory(dir.resolve("lt-free"));
        Path a2Free = Files.createDirectory(dir.resolve("a2-free"));
        try (PartnerProcess lt = libtorrent(freeTorrent, ltFree, peer, 120);
            PartnerProcess a2 = aria2(freeTorrent, a2Free, announce, 150)) {
          assertThat(lt.exitCode(seconds(150))).as(lt.tail()).isZero();
          assertThat(a2.exitCode(seconds(180))).as(a2.tail()).isZero();
        }
        ClientInteropIT.assertSameBytes(freeFile, ltFree.resolve("free.bin"));
        ClientInteropIT.assertSameBytes(freeFile, a2Free.resolve("free.bin"));
      }
    }
  }

  private PartnerProcess libtorrent(Path torrent, Path out, String peer, int timeout)
      throws Exception {
    return PartnerProcess.start(
        dir,
        "lt-" + out.getFileName(),
        List.of(
            PYTHON,
            BT.resolve("lt_leech.py").toString(),
            torrent.toString(),
            out.toString(),
            Integer.toString(TestEnvironment.freePort()),
            peer,
            "--timeout",
            Integer.toString(timeout)));
  }

  private PartnerProcess aria2(Path torrent, Path out, String announce, int timeout)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "env",
                "ARIA2_TIMEOUT=" + timeout,
                BT.resolve("aria2_leech.sh").toString(),
                torrent.toString(),
                out.toString(),
                Integer.toString(TestEnvironment.freePort()),
                announce));
    return PartnerProcess.start(dir, "a2-" + out.getFileName(), command);
  }

  /** The file is absent, or holds only zeros (preallocated, never written). */
  private static void assertNothingOf(Path file) throws Exception {
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      for (int i = 0; i < bytes.length; i++) {
        assertThat(bytes[i]).as("byte %d of %s", i, file).isZero();
      }
    }
  }
}
