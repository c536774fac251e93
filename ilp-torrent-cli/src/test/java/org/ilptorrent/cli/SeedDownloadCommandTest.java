package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code seed} and {@code download}: exit 2 and one line, before any network. */
class SeedDownloadCommandTest {
  @TempDir Path dir;

  @Test
  void downloadRejectsWhatIsNeitherTorrentNorMagnetNorInfoHash() {
    CliRun r = CliRun.of("download", "no-such-thing", "--out", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "ilp-torrent: not a .torrent file, magnet link or info hash: 'no-such-thing'");
  }

  @Test
  void downloadRejectsACorruptTorrentFile() throws Exception {
    Path bad = java.nio.file.Files.writeString(dir.resolve("bad.torrent"), "d4:infoi1ee");
    CliRun r = CliRun.of("download", bad.toString(), "--out", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("ilp-torrent: ");
  }

  @Test
  void downloadRejectsABadPeer() {
    String hash = "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";
    assertThat(CliRun.of("download", hash, "--peer", "localhost").errLines())
        .containsExactly("ilp-torrent: --peer must be HOST:PORT, got 'localhost'");
    assertThat(CliRun.of("download", hash, "--peer", "127.0.0.1:99999").errLines())
        .containsExactly("ilp-torrent: --peer port must be 1..65535, got '99999'");
    assertThat(CliRun.of("download", hash, "--peer", "127.0.0.1:x").exitCode()).isEqualTo(2);
  }

  @Test
  void seedRejectsAMissingPathAndOutWithSeveralPaths() {
    CliRun missing = CliRun.of("seed", dir.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.errLines()).singleElement().asString().contains("no such file");
    CliRun two = CliRun.of("seed", "a.torrent", "b.torrent", "--out", dir.toString());
    assertThat(two.exitCode()).isEqualTo(2);
    assertThat(two.errLines())
        .containsExactly("ilp-torrent: with --out, give exactly one .torrent file");
  }
}
