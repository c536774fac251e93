package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ilp-torrent seed} and {@code ilp-torrent download} as processes, against each other. */
class SeedDownloadCommandIT {
  @TempDir Path dir;

  private PartnerProcess run(String name, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(TestEnvironment.launcher().toString());
    command.addAll(List.of(args));
    return PartnerProcess.start(dir, name, command);
  }

  @Test
  void seedsFilesAndPrintsAMagnetThatDownloadsThem() throws Exception {
    Path file = ClientInteropIT.random(dir.resolve("song.bin"), 2_000_003, 7);
    int port = TestEnvironment.freePort();
    try (PartnerProcess seeder = run("seed", "seed", file.toString(), "--port", "" + port)) {
      String magnet = seeder.await("^magnet:\\?\\S+$", seconds(90)).group();
      assertThat(magnet).containsPattern("x\\.pe=127\\.0\\.0\\.1(:|%3A)" + port + "(&|$)");
      Path out = dir.resolve("out");
      try (PartnerProcess leecher = run("download", "download", magnet, "--out", out.toString())) {
        assertThat(leecher.exitCode(seconds(120))).as(leecher.tail()).isZero();
        assertThat(leecher.output())
            .contains("done " + out.resolve("song.bin"))
            .doesNotContain("\u001b", "\r");
      }
      ClientInteropIT.assertSameBytes(file, out.resolve("song.bin"));
      seeder.await("^seeding .*uploaded [1-9]", seconds(30));
    }
  }

  @Test
  void rateLimitedSeedAndDownloadStillDeliverEveryByte() throws Exception {
    Path file = ClientInteropIT.random(dir.resolve("slow.bin"), 1_500_000, 11);
    int port = TestEnvironment.freePort();
    try (PartnerProcess seeder =
        run("seed", "seed", file.toString(), "--port", "" + port, "--upload-limit", "2M")) {
      String magnet = seeder.await("^magnet:\\?\\S+$", seconds(90)).group();
      Path out = dir.resolve("out");
      try (PartnerProcess leecher =
          run(
              "download",
              "download",
              magnet,
              "--out",
              out.toString(),
              "--download-limit",
              "1.5M")) {
        assertThat(leecher.exitCode(seconds(120))).as(leecher.tail()).isZero();
      }
      ClientInteropIT.assertSameBytes(file, out.resolve("slow.bin"));
    }
  }

  @Test
  void seedsATorrentsDataFromOutAndDownloadsByTorrentFileAndByInfoHash() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/album"));
    Path a = ClientInteropIT.random(data.resolve("a.bin"), 1_000_000, 8);
    Path b =
        ClientInteropIT.random(
            Files.createDirectories(data.resolve("cd 2")).resolve("b.bin"), 333_333, 9);
    CreatedTorrent created = TorrentCreator.builder().addPath(data).build().create();
    Path torrentFile = Files.write(dir.resolve("album.torrent"), created.torrentFile());
    int port = TestEnvironment.freePort();
    try (PartnerProcess seeder =
        run(
            "seed",
            "seed",
            torrentFile.toString(),
            "--out",
            dir.resolve("data").toString(),
            "--port",
            "" + port)) {
      assertThat(seeder.await("^magnet:\\S+", seconds(90)).group())
          .contains(created.infoHash().toHex());
      for (String source : List.of(torrentFile.toString(), created.infoHash().toHex())) {
        Path out = dir.resolve("out-" + source.length());
        try (PartnerProcess leecher =
            run(
                "download-" + source.length(),
                "download",
                source,
                "--out",
                out.toString(),
                "--peer",
                "127.0.0.1:" + port)) {
          assertThat(leecher.exitCode(seconds(120))).as(leecher.tail()).isZero();
        }
        ClientInteropIT.assertSameBytes(a, out.resolve("album/a.bin"));
        ClientInteropIT.assertSameBytes(b, out.resolve("album/cd 2/b.bin"));
      }
    }
  }

  @Test
  void seedsSeveralPathsUnderTheTorrentsNameAndCleansUp() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/photos/2024"));
    Path photo = ClientInteropIT.random(src.resolve("p.jpg"), 400_000, 11);
    Path notes = ClientInteropIT.random(dir.resolve("src/notes.txt"), 1_234, 12);
    try (PartnerProcess seeder =
        run("seed", "seed", dir.resolve("src/photos").toString(), notes.toString())) {
      String magnet = seeder.await("^magnet:\\?\\S+$", seconds(90)).group();
      Path out = dir.resolve("out");
      try (PartnerProcess leecher = run("download", "download", magnet, "--out", out.toString())) {
        assertThat(leecher.exitCode(seconds(120))).as(leecher.tail()).isZero();
      }
      ClientInteropIT.assertSameBytes(photo, out.resolve("photos/photos/2024/p.jpg"));
      ClientInteropIT.assertSameBytes(notes, out.resolve("photos/notes.txt"));
    }
    try (var left = Files.list(dir.resolve("src"))) {
      assertThat(left.map(p -> p.getFileName().toString())).containsOnly("photos", "notes.txt");
    }
  }

  @Test
  void downloadFindsASeederThroughTheTrackerItAnnouncedTo() throws Exception {
    Path file = ClientInteropIT.random(dir.resolve("film.bin"), 1_500_000, 13);
    int trackerPort = TestEnvironment.freePort();
    try (PartnerProcess tracker = run("tracker", "tracker", "--port", "" + trackerPort)) {
      String announce = tracker.await("^announce (http://\\S+)$", seconds(90)).group(1);
      try (PartnerProcess seeder = run("seed", "seed", file.toString(), "--announce", announce)) {
        String magnet = seeder.await("^magnet:\\?\\S+$", seconds(90)).group();
        assertThat(magnet).contains("&tr=");
        // Without x.pe the tracker is the only way to the seeder.
        String trackerOnly = magnet.replaceAll("&x\\.pe=[^&]*", "");
        Path out = dir.resolve("out");
        try (PartnerProcess leecher =
            run("download", "download", trackerOnly, "--out", out.toString())) {
          assertThat(leecher.exitCode(seconds(120))).as(leecher.tail()).isZero();
        }
        ClientInteropIT.assertSameBytes(file, out.resolve("film.bin"));
      }
    }
  }

  @Test
  void downloadKeepsWhatIsAlreadyInOutAndFetchesOnlyTheRest() throws Exception {
    int length = 2 * 1024 * 1024;
    Path file = ClientInteropIT.random(dir.resolve("disk.img"), length, 14);
    CreatedTorrent created =
        TorrentCreator.builder().addPath(file).pieceLength(64 * 1024).build().create();
    Path torrentFile = Files.write(dir.resolve("disk.torrent"), created.torrentFile());
    // An interrupted download: the first 1.5 MiB arrived, the rest of the file is zeros.
    Path out = Files.createDirectory(dir.resolve("out"));
    byte[] partial = new byte[length];
    System.arraycopy(Files.readAllBytes(file), 0, partial, 0, 3 * length / 4);
    Files.write(out.resolve("disk.img"), partial);
    int port = TestEnvironment.freePort();
    try (PartnerProcess seeder =
        run("seed", "seed", torrentFile.toString(), "--out", dir.toString(), "--port", "" + port)) {
      seeder.await("^magnet:\\S+", seconds(90));
      try (PartnerProcess leecher =
          run(
              "download",
              "download",
              torrentFile.toString(),
              "--out",
              out.toString(),
              "--peer",
              "127.0.0.1:" + port)) {
        assertThat(leecher.exitCode(seconds(120))).as(leecher.tail()).isZero();
        long fetched = Long.parseLong(leecher.await("fetched (\\d+) bytes", seconds(1)).group(1));
        // The last quarter (16 pieces), perhaps with a few blocks twice; not the whole file.
        assertThat(fetched).isGreaterThanOrEqualTo(length / 4).isLessThan(length / 2);
      }
      ClientInteropIT.assertSameBytes(file, out.resolve("disk.img"));
    }
  }

  @Test
  void seedWithMissingDataFailsWithOneLine() throws Exception {
    Path file = ClientInteropIT.random(dir.resolve("x.bin"), 100_000, 10);
    CreatedTorrent created = TorrentCreator.builder().addPath(file).build().create();
    Path torrentFile = Files.write(dir.resolve("x.torrent"), created.torrentFile());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    try (PartnerProcess seeder =
        run("seed", "seed", torrentFile.toString(), "--out", empty.toString())) {
      assertThat(seeder.exitCode(seconds(90))).as(seeder.tail()).isEqualTo(2);
      assertThat(seeder.output().lines().filter(l -> l.startsWith("ilp-torrent: ")).toList())
          .singleElement()
          .asString()
          .contains("cannot seed");
      assertThat(seeder.output()).doesNotContain("magnet:", "\tat ");
    }
  }
}
