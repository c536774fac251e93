package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client ({@code ./ilp-torrent download} and {@code seed}, as processes) against real
 * BitTorrent clients on loopback, driven by {@code interop/bt/}: libtorrent 2.0, aria2 1.36 and
 * transmission 3.00, none with DHT, LSD, PEX or port mapping. Torrents are made by mktorrent, so
 * nothing of ours builds what the partners read.
 */
class ClientInteropIT {
  private static final Path BT = TestEnvironment.repositoryRoot().resolve("interop/bt");
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir Path dir;
  private Path data;
  private Path file;
  private Path torrentFile;
  private TorrentInfo torrent;

  /** 3 MiB + 1234 bytes of random data in {@code data/}, and its torrent with 64 KiB pieces. */
  @BeforeEach
  void oneFileTorrent() throws Exception {
    data = Files.createDirectory(dir.resolve("data"));
    file = random(data.resolve("payload.bin"), 3 * 1024 * 1024 + 1234, 1);
    torrentFile = mktorrent(file, dir.resolve("payload.torrent"));
    torrent = TorrentInfo.parse(torrentFile);
  }

  @Test
  void downloadsFromLibtorrentByTorrentFile() throws Exception {
    try (Seeder seeder = libtorrentSeeder(torrentFile, data)) {
      downloadAndCompare(torrentFile.toString(), seederPeer(seeder));
    }
  }

  @Test
  void downloadsFromLibtorrentByMagnet() throws Exception {
    try (Seeder seeder = libtorrentSeeder(torrentFile, data)) {
      downloadAndCompare(bareMagnet(), seederPeer(seeder));
    }
  }

  @Test
  void downloadsFromAria2ByTorrentFile() throws Exception {
    try (Seeder seeder = aria2Seeder()) {
      downloadAndCompare(torrentFile.toString(), seederPeer(seeder));
    }
  }

  @Test
  void downloadsFromAria2ByMagnet() throws Exception {
    try (Seeder seeder = aria2Seeder()) {
      downloadAndCompare(bareMagnet(), seederPeer(seeder));
    }
  }

  @Test
  void downloadsFromTransmissionByTorrentFile() throws Exception {
    try (Seeder seeder = transmissionSeeder()) {
      downloadAndCompare(torrentFile.toString(), seederPeer(seeder));
    }
  }

  @Test
  void downloadsFromTransmissionByMagnet() throws Exception {
    try (Seeder seeder = transmissionSeeder()) {
      downloadAndCompare(bareMagnet(), seederPeer(seeder));
    }
  }

  @Test
  void libtorrentDownloadsFromOurSeederByTorrentFile() throws Exception {
    try (PartnerProcess ours = ourSeeder(dir, torrentFile, data)) {
      String peer = "127.0.0.1:" + Libtorrent.ourMagnetPort(ours);
      Path out = Files.createDirectory(dir.resolve("lt-out"));
      try (PartnerProcess leecher = Libtorrent.leech(dir, torrentFile.toString(), out, peer)) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
      }
      assertSameBytes(file, out.resolve(file.getFileName()));
    }
  }

  @Test
  void libtorrentDownloadsFromOurSeederByItsMagnet() throws Exception {
    try (PartnerProcess ours = ourSeeder(dir, torrentFile, data)) {
      String magnet = ours.await("^magnet:\\S+", seconds(60)).group();
      Path out = Files.createDirectory(dir.resolve("lt-out"));
      // No peer on the command line: libtorrent finds our seeder through the magnet's x.pe.
      try (PartnerProcess leecher = Libtorrent.leech(dir, magnet, out, null)) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
      }
      assertSameBytes(file, out.resolve(file.getFileName()));
    }
  }

  @Test
  void aria2DownloadsFromOurSeeder() throws Exception {
    try (PartnerProcess ours = ourSeeder(dir, torrentFile, data)) {
      int trackerPort = TestEnvironment.freePort();
      try (PartnerProcess tracker =
          PartnerProcess.start(
              dir,
              "tracker",
              List.of(
                  PYTHON,
                  BT.resolve("static_tracker.py").toString(),
                  Integer.toString(trackerPort),
                  "127.0.0.1:" + Libtorrent.ourMagnetPort(ours),
                  "--timeout",
                  "200"))) {
        tracker.await("^tracker \\d+", seconds(30));
        Path out = Files.createDirectory(dir.resolve("aria2-out"));
        try (PartnerProcess leecher =
            PartnerProcess.start(
                dir,
                "aria2-leech",
                List.of(
                    BT.resolve("aria2_leech.sh").toString(),
                    torrentFile.toString(),
                    out.toString(),
                    Integer.toString(TestEnvironment.freePort()),
                    "http://127.0.0.1:" + trackerPort + "/announce"))) {
          assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
        }
        assertSameBytes(file, out.resolve(file.getFileName()));
      }
    }
  }

  @Test
  void multiFileTorrentFromMktorrentDownloadsByteIdentical() throws Exception {
    Path album = Files.createDirectories(dir.resolve("multi/album"));
    List<Path> files = new ArrayList<>();
    files.add(random(album.resolve("01 first.bin"), 1_500_000, 2));
    files.add(
        random(Files.createDirectories(album.resolve("disc 2")).resolve("b.bin"), 700_001, 3));
    files.add(random(album.resolve("disc 2/c.txt"), 17, 4));
    files.add(random(album.resolve("z.bin"), 65_536, 5));
    Path multiTorrent = mktorrent(album, dir.resolve("album.torrent"));
    try (Seeder seeder = libtorrentSeeder(multiTorrent, album.getParent())) {
      Path out = dir.resolve("out");
      try (PartnerProcess leecher =
          ourDownload(dir, multiTorrent.toString(), out, seederPeer(seeder), "download-multi")) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
      }
      for (Path f : files) {
        assertSameBytes(f, out.resolve(album.getParent().relativize(f)));
      }
    }
  }

  // --- partners

  private Seeder libtorrentSeeder(Path torrent, Path dataDir) throws Exception {
    PartnerProcess p = Libtorrent.seed(dir, torrent, dataDir);
    // The port it printed: the one it listens on now.
    return new Seeder(p, Libtorrent.seedingPort(p));
  }

  private Seeder aria2Seeder() throws Exception {
    int port = TestEnvironment.freePort();
    PartnerProcess p =
        PartnerProcess.start(
            dir,
            "aria2-seed-" + port,
            List.of(
                BT.resolve("aria2_seed.sh").toString(),
                torrentFile.toString(),
                data.toString(),
                Integer.toString(port)));
    p.await("SEED\\(", seconds(60));
    TestEnvironment.awaitPort(port);
    return new Seeder(p, port);
  }

  private Seeder transmissionSeeder() throws Exception {
    int port = TestEnvironment.freePort();
    PartnerProcess p =
        PartnerProcess.start(
            dir,
            "tr-seed-" + port,
            List.of(
                BT.resolve("tr_seed.sh").toString(),
                torrentFile.toString(),
                data.toString(),
                Integer.toString(port)));
    // transmission prints "Seeding, ..." once its check is done; its port opens after that.
    p.await("Seeding", seconds(60));
    TestEnvironment.awaitPort(port);
    return new Seeder(p, port);
  }

  /** A partner seeding on 127.0.0.1:{@code port}. */
  record Seeder(PartnerProcess process, int port) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.close();
    }
  }

  private static String seederPeer(Seeder seeder) {
    return "127.0.0.1:" + seeder.port();
  }

  /** Our {@code seed <torrent> --out <data>} with {@code options}, once it printed its magnet. */
  static PartnerProcess ourSeeder(Path dir, Path torrentFile, Path data, String... options)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                TestEnvironment.launcher().toString(),
                "seed",
                torrentFile.toString(),
                "--out",
                data.toString()));
    command.addAll(List.of(options));
    PartnerProcess p = PartnerProcess.start(dir, "ours-seed", command);
    p.await("^magnet:\\S+", seconds(90));
    return p;
  }

  /** Our {@code download <source> --out <out> --peer <peer>} with {@code options}. */
  static PartnerProcess ourDownload(
      Path dir, String source, Path out, String peer, String name, String... options)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                TestEnvironment.launcher().toString(),
                "download",
                source,
                "--out",
                out.toString(),
                "--peer",
                peer));
    command.addAll(List.of(options));
    return PartnerProcess.start(dir, name, command);
  }

  private void downloadAndCompare(String source, String peer) throws Exception {
    Path out = dir.resolve("out");
    try (PartnerProcess leecher = ourDownload(dir, source, out, peer, "download")) {
      assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
      assertThat(leecher.output()).contains("done ").doesNotContain("\u001b");
    }
    assertSameBytes(file, out.resolve(file.getFileName()));
  }

  private String bareMagnet() {
    return "magnet:?xt=urn:btih:" + torrent.infoHash().toHex();
  }

  // --- files

  static Path random(Path target, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Files.write(target, bytes);
  }

  static Path mktorrent(Path input, Path target) throws Exception {
    Process p =
        new ProcessBuilder("mktorrent", "-l", "16", "-o", target.toString(), input.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return target;
  }

  static void assertSameBytes(Path expected, Path actual) throws IOException {
    assertThat(actual).exists();
    assertThat(Files.mismatch(expected, actual)).as(actual.toString()).isEqualTo(-1L);
  }
}
