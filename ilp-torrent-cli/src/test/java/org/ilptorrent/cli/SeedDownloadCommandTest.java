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
        .singleElement()
        .asString()
        .startsWith("ilp-torrent: not a .torrent file, magnet link or info hash: 'no-such-thing'")
        .contains("(no such file; an info hash is 40 hex or 32 base32 characters)");
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
  void encryptionModesAndSeedPeersAreChecked() {
    String hash = "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";
    CliRun mode = CliRun.of("download", hash, "--encryption", "maybe");
    assertThat(mode.exitCode()).isEqualTo(2);
    assertThat(mode.err()).contains("expected prefer, allow, require or disable, got 'maybe'");
    CliRun paid = CliRun.of("seed", "film.bin", "--price", "1", "--peer", "127.0.0.1:6881");
    assertThat(paid.exitCode()).isEqualTo(2);
    assertThat(paid.err())
        .contains("--peer is for free torrents: a paid torrent's peers come from its trackers");
    assertThat(CliRun.of("seed", "film.bin", "--peer", "localhost").errLines())
        .containsExactly("ilp-torrent: --peer must be HOST:PORT, got 'localhost'");
  }

  @Test
  void rateLimitsTakeCurlUnitsAndRefuseNonsense() {
    org.ilptorrent.cli.internal.Rates rate = new org.ilptorrent.cli.internal.Rates();
    assertThat(rate.convert("500K")).isEqualTo(500 * 1024);
    assertThat(rate.convert("2M")).isEqualTo(2 << 20);
    assertThat(rate.convert("1.5m")).isEqualTo(3 << 19);
    assertThat(rate.convert("2MiB")).isEqualTo(2 << 20);
    assertThat(rate.convert("800KB/s")).isEqualTo(800 * 1024);
    assertThat(rate.convert("12345")).isEqualTo(12345);
    String hash = "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";
    for (String bad : new String[] {"lots", "0", "-1M", "2T"}) {
      CliRun r = CliRun.of("download", hash, "--out", dir.toString(), "--download-limit", bad);
      assertThat(r.exitCode()).as(bad).isEqualTo(2);
      assertThat(r.err()).as(bad).contains("--download-limit").contains("'" + bad + "'");
    }
    CliRun seed = CliRun.of("seed", dir.toString(), "--upload-limit", "fast");
    assertThat(seed.exitCode()).isEqualTo(2);
    assertThat(seed.err()).contains("not a rate: 'fast'");
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

  @Test
  void aV2OnlyTorrentIsRefusedWithAClearError() throws Exception {
    Path v2 = java.nio.file.Files.write(dir.resolve("v2.torrent"), v2OnlyTorrent());
    for (String[] args :
        new String[][] {
          {"download", v2.toString(), "--out", dir.toString()},
          {"seed", v2.toString(), "--out", dir.toString()},
          {"info", v2.toString()}
        }) {
      CliRun r = CliRun.of(args);
      assertThat(r.exitCode()).as(args[0]).isEqualTo(2);
      assertThat(r.errLines())
          .as(args[0])
          .singleElement()
          .asString()
          .startsWith("ilp-torrent: ")
          .contains("v2-only torrents are not supported");
    }
  }

  /**
   * A BEP 52 torrent with no v1 part (what {@code lt_create.py --v2-only} makes): a {@code file
   * tree} and {@code meta version} 2, no {@code pieces}.
   */
  static byte[] v2OnlyTorrent() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(
        "d4:infod9:file treed5:a.bind0:d6:lengthi5e11:pieces root32:"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    byte[] root = new byte[32];
    java.util.Arrays.fill(root, (byte) 0x11); // libtorrent refuses an all-zero root
    out.writeBytes(root);
    out.writeBytes(
        "eee12:meta versioni2e4:name1:v12:piece lengthi16384eee"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
