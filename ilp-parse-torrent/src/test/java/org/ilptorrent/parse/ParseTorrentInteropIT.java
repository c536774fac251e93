package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live comparison with npm parse-torrent 11 on the hybrid v1+v2 torrent libtorrent 2.0.8 made: the
 * same v1 view (info hash, pieces, files with their pad files, lengths). Needs interop/install.sh
 * (run by .ci/run); -Pinterop.
 */
class ParseTorrentInteropIT {

  @Test
  void aHybridTorrentReadsAsParseTorrentReadsIt(@TempDir Path dir) throws Exception {
    byte[] bytes = HybridTorrentTest.torrent("hybrid");
    Path file = dir.resolve("hybrid.torrent");
    Files.write(file, bytes);

    Result node = parseTorrent(file);

    assertThat(node.exit()).as(node.output()).isZero();
    assertThat(ours(TorrentInfo.parse(bytes)))
        .containsExactlyElementsOf(node.output().strip().lines().map(String::strip).toList());
  }

  @Test
  void aV2OnlyTorrentIsRefusedByBoth(@TempDir Path dir) throws Exception {
    byte[] bytes = HybridTorrentTest.torrent("v2-only");
    Path file = dir.resolve("v2-only.torrent");
    Files.write(file, bytes);

    Result node = parseTorrent(file);

    assertThat(node.exit()).as(node.output()).isNotZero();
    assertThat(node.output()).contains("info.pieces");
    assertThatThrownBy(() -> TorrentInfo.parse(bytes))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("v2-only torrents are not supported");
  }

  /** The lines interop/npm/webtorrent-fixtures/parse.mjs prints, from our reading. */
  private static List<String> ours(TorrentInfo t) {
    List<String> lines = new ArrayList<>();
    lines.add("infoHash " + t.infoHash().toHex());
    lines.add("name " + t.name());
    lines.add("length " + t.length());
    lines.add("pieceLength " + t.pieceLength());
    lines.add("lastPieceLength " + t.lastPieceLength());
    lines.add("pieces " + String.join(",", t.pieces()));
    lines.add(("announce " + String.join(",", t.announce())).strip());
    for (FileEntry f : t.files()) {
      lines.add("file " + f.offset() + " " + f.length() + " " + f.name() + " " + f.path());
    }
    return lines;
  }

  private record Result(int exit, String output) {}

  private static Result parseTorrent(Path torrent) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("node", "parse.mjs", torrent.toString())
            .directory(
                TestEnvironment.repositoryRoot()
                    .resolve("interop/npm/webtorrent-fixtures")
                    .toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
