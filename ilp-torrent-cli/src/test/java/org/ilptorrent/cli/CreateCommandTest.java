package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateCommandTest {

  @Test
  void createsAFreeTorrentAndPrintsItsMagnet(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("album"));
    Files.writeString(folder.resolve("a.txt"), "aaa");
    Files.writeString(folder.resolve("b.txt"), "bbbb");
    Path out = dir.resolve("album.torrent");

    CliRun run =
        CliRun.of(
            "create",
            folder.toString(),
            "--out",
            out.toString(),
            "--announce",
            "ws://127.0.0.1:8000",
            "--comment",
            "hi");

    assertThat(run.exitCode()).as(run.err()).isZero();
    TorrentInfo t = TorrentInfo.parse(Files.readAllBytes(out));
    List<String> lines = run.out().lines().toList();
    assertThat(lines)
        .containsExactly("magnet " + t.toMagnetUri(), "infohash " + t.infoHash(), "torrent " + out);
    assertThat(t.announce()).containsExactly("ws://127.0.0.1:8000");
    assertThat(t.files()).hasSize(2);
    assertThat(t.isPrivate()).isFalse();
  }

  @Test
  void aTrackerShardIsPickedByInfoHash(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "shard me");
    Path out = dir.resolve("a.torrent");
    List<String> shards =
        List.of("ws://127.0.0.1:8001", "ws://127.0.0.1:8002", "ws://127.0.0.1:8003");
    CliRun run =
        CliRun.of(
            "create",
            file.toString(),
            "--out",
            out.toString(),
            "--tracker-shard",
            shards.get(0),
            "--tracker-shard",
            shards.get(1),
            "--tracker-shard",
            shards.get(2),
            "--announce",
            "udp://127.0.0.1:6969");
    assertThat(run.exitCode()).as(run.err()).isZero();
    TorrentInfo t = TorrentInfo.parse(Files.readAllBytes(out));
    String shard = org.ilptorrent.create.TrackerShards.pick(t.infoHash(), shards);
    assertThat(t.announce()).containsExactly(shard, "udp://127.0.0.1:6969");
  }

  @Test
  void createsAPaidTorrent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("film.bin");
    Files.write(file, new byte[50_000]);
    Path out = dir.resolve("film.torrent");

    CliRun run =
        CliRun.of(
            "create",
            file.toString(),
            "--out",
            out.toString(),
            "--price",
            "0.50",
            "--asset",
            "USD",
            "--scale",
            "2",
            "--pointer",
            "$wallet.example/alice",
            "--verifier",
            "http://127.0.0.1:3000");

    assertThat(run.exitCode()).as(run.err()).isZero();
    TorrentInfo t = TorrentInfo.parse(Files.readAllBytes(out));
    assertThat(t.license().orElseThrow().amount()).isEqualTo(50);
    assertThat(t.isLicenseCommitted()).isTrue();
    assertThat(t.isPrivate()).isTrue();
    assertThat(run.out()).contains("&pp=%24wallet.example%2Falice");
  }

  @Test
  void aPriceAboveTheLargestAmountIsOneClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("f.bin");
    Files.write(file, new byte[10]);
    Path out = dir.resolve("f.torrent");

    CliRun run =
        CliRun.of(
            "create",
            file.toString(),
            "--out",
            out.toString(),
            "--price",
            "184467440737095516.16",
            "--asset",
            "USD",
            "--scale",
            "2",
            "--pointer",
            "$w.example",
            "--verifier",
            "https://v.example");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("amount must be at most 18446744073709551615");
    assertThat(run.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @Test
  void badInputExitsTwo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("f.bin");
    Files.write(file, new byte[10]);
    String[][] cases = {
      {"create", dir.resolve("missing").toString()},
      {"create", Files.createDirectories(dir.resolve("empty")).toString()},
      {"create", file.toString(), "--piece-length", "1000"},
      {"create", file.toString(), "--price", "1"},
      {
        "create",
        file.toString(),
        "--price",
        "0.001",
        "--asset",
        "USD",
        "--scale",
        "2",
        "--pointer",
        "$w.example",
        "--verifier",
        "https://v.example"
      },
      {"create"},
    };
    for (String[] args : cases) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args) + " " + run.err()).isEqualTo(2);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.out()).isEmpty();
    }
  }
}
