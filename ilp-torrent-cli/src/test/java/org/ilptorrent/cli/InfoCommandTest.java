package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ilptorrent.fixtures.ExpectedTorrent;
import org.ilptorrent.fixtures.TorrentFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

  @Test
  void jsonHasParseTorrentsKeysAndValues(@TempDir Path dir) throws Exception {
    TorrentFixture fixture = TorrentFixture.named("numbers");
    Path file = dir.resolve("numbers.torrent");
    Files.write(file, fixture.torrent());
    ExpectedTorrent want = fixture.expected();

    CliRun run = CliRun.of("info", file.toString(), "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("infoHash").asText()).isEqualTo(want.infoHash());
    assertThat(json.get("name").asText()).isEqualTo(want.name());
    assertThat(json.get("length").asLong()).isEqualTo(want.length());
    assertThat(json.get("pieceLength").asInt()).isEqualTo(want.pieceLength());
    assertThat(json.get("lastPieceLength").asInt()).isEqualTo(want.lastPieceLength());
    assertThat(json.get("pieces").get(0).asText()).isEqualTo(want.pieces().get(0));
    assertThat(json.get("files").get(1).get("path").asText()).isEqualTo("numbers/2.txt");
    assertThat(json.get("files").get(1).get("offset").asLong()).isEqualTo(1);
    assertThat(json.get("private").asBoolean()).isFalse();
    assertThat(json.get("created").asText()).startsWith("+47910-02-15T");
    assertThat(json.get("license").isNull()).isTrue();
    assertThat(json.fieldNames())
        .toIterable()
        .contains("announce", "urlList", "createdBy", "comment");
  }

  @Test
  void textSummaryOfATorrent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leaves.torrent");
    Files.write(file, TorrentFixture.named("leaves").torrent());

    CliRun run = CliRun.of("info", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("name        Leaves of Grass by Walt Whitman.epub");
    assertThat(run.out())
        .contains("magnet      magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36");
  }

  @Test
  void magnetsAndInfoHashesGiveTheIdentity() throws Exception {
    CliRun run = CliRun.of("info", MagnetCommandTest.FORK, "--json");
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("license").get("paymentPointer").asText())
        .isEqualTo("$wallet.example/alice");

    CliRun hash = CliRun.of("info", "2JDU5BWJLMM3RPH5XEV4CLE5IRTHZ6RW");
    assertThat(hash.exitCode()).isZero();
    assertThat(hash.out()).contains("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36");
  }

  @Test
  void corruptOrMissingInputExitsTwo(@TempDir Path dir) throws Exception {
    Path corrupt = dir.resolve("bad.torrent");
    Files.write(corrupt, TorrentFixture.named("leaves").corruptTorrent());

    for (String arg :
        new String[] {corrupt.toString(), dir.resolve("missing.torrent").toString()}) {
      CliRun run = CliRun.of("info", arg);
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.out()).isEmpty();
    }
    assertThat(CliRun.of("info", corrupt.toString()).err()).contains("info.pieces");
  }
}
