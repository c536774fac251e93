package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.ClientInteropIT.assertSameBytes;
import static org.ilptorrent.cli.ClientInteropIT.random;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torrents made by libtorrent 2.0 ({@code interop/bt/lt_create.py}) with BEP 47 pad files: the
 * hybrid v1+v2 kind libtorrent 2.0 and qBittorrent make by default, and a v1 one with the same
 * layout. Our client ({@code ./ilp-torrent}, as a process) downloads them from a libtorrent seeder
 * byte for byte and writes no pad file; libtorrent downloads the hybrid one from our seeder, whose
 * data folder has no pad files either.
 */
class PadFilesInteropIT {
  private static final int PIECE = 64 * 1024;

  @TempDir Path dir;
  private Path data;
  private Path album;
  private final List<Path> files = new ArrayList<>();

  /**
   * {@code data/album/}: a 3-byte file between larger ones, none a multiple of the piece size, so
   * every file but none of the pieces ends on a boundary and libtorrent pads each (the last too).
   */
  @BeforeEach
  void album() throws Exception {
    data = Files.createDirectory(dir.resolve("data"));
    album = Files.createDirectories(data.resolve("album/sub"));
    album = album.getParent();
    files.add(random(album.resolve("a.bin"), 1_500_000, 11));
    files.add(random(album.resolve("sub/b.bin"), 700_001, 12));
    files.add(random(album.resolve("sub/c.txt"), 3, 13));
    files.add(random(album.resolve("z.bin"), 65_537, 14));
  }

  @Test
  void downloadsAHybridTorrentFromLibtorrentWithoutPadFiles() throws Exception {
    Path torrentFile = ltCreate("hybrid.torrent");
    assertPadded(TorrentInfo.parse(torrentFile));
    downloadFromLibtorrent(torrentFile);
  }

  @Test
  void downloadsAV1TorrentWithPadFilesFromLibtorrent() throws Exception {
    Path torrentFile = ltCreate("v1.torrent", "--v1-only");
    assertPadded(TorrentInfo.parse(torrentFile));
    downloadFromLibtorrent(torrentFile);
  }

  @Test
  void libtorrentDownloadsAHybridTorrentFromOurSeeder() throws Exception {
    Path torrentFile = ltCreate("hybrid.torrent");
    try (PartnerProcess ours =
        PartnerProcess.start(
            dir,
            "ours-seed",
            List.of(
                TestEnvironment.launcher().toString(),
                "seed",
                torrentFile.toString(),
                "--out",
                data.toString()))) {
      int port = Libtorrent.ourMagnetPort(ours);
      Path out = Files.createDirectory(dir.resolve("lt-out"));
      try (PartnerProcess leecher =
          Libtorrent.leech(dir, torrentFile.toString(), out, "127.0.0.1:" + port)) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
      }
      assertSameFiles(out);
    }
    assertThat(data.resolve("album/.pad")).doesNotExist();
  }

  private void downloadFromLibtorrent(Path torrentFile) throws Exception {
    try (PartnerProcess seeder = Libtorrent.seed(dir, torrentFile, data)) {
      int seeding = Libtorrent.seedingPort(seeder);
      Path out = dir.resolve("out");
      try (PartnerProcess leecher =
          PartnerProcess.start(
              dir,
              "download",
              List.of(
                  TestEnvironment.launcher().toString(),
                  "download",
                  torrentFile.toString(),
                  "--out",
                  out.toString(),
                  "--peer",
                  "127.0.0.1:" + seeding))) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
        assertThat(leecher.output()).contains("done ");
      }
      assertSameFiles(out);
      List<String> written;
      try (Stream<Path> walk = Files.walk(out)) {
        written = walk.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).toList();
      }
      assertThat(written)
          .containsExactlyInAnyOrder(
              "album/a.bin", "album/sub/b.bin", "album/sub/c.txt", "album/z.bin");
    }
  }

  /** Every file of the album, at the same place under {@code out}, with the same bytes. */
  private void assertSameFiles(Path out) throws Exception {
    for (Path f : files) {
      assertSameBytes(f, out.resolve(data.relativize(f).toString()));
    }
  }

  /** libtorrent put a pad file after every file, the last one included. */
  private static void assertPadded(TorrentInfo t) {
    List<FileEntry> all = t.files();
    assertThat(all.stream().filter(FileEntry::padding).count()).isEqualTo(4);
    assertThat(all.get(all.size() - 1).padding()).isTrue();
    assertThat(all.get(all.size() - 1).components()).contains(".pad");
    assertThat(t.length() % PIECE).isZero();
  }

  private Path ltCreate(String name, String... flags) throws Exception {
    Path target = dir.resolve(name);
    List<String> command =
        new ArrayList<>(
            List.of(
                Libtorrent.PYTHON,
                Libtorrent.BT.resolve("lt_create.py").toString(),
                album.toString(),
                target.toString(),
                "--piece-size",
                Integer.toString(PIECE)));
    command.addAll(List.of(flags));
    try (PartnerProcess p = PartnerProcess.start(dir, "lt-create-" + name, command)) {
      assertThat(p.exitCode(seconds(60))).as(p.tail()).isZero();
    }
    return target;
  }
}
