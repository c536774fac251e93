package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.cli.ClientInteropIT.assertSameBytes;
import static org.ilptorrent.cli.PartnerProcess.seconds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Message Stream Encryption against real clients on loopback, both directions, our side as the
 * {@code ./ilp-torrent} processes: node WebTorrent 3.0.21 (its default {@code secure: 1}: every
 * outgoing TCP connection opens with MSE), libtorrent 2.0 requiring encryption (qBittorrent's
 * "Require encryption": {@code pe_forced} both ways, RC4 only) and transmission 3.00 with {@code
 * -er}. The partners print what MSE negotiated per connection where they can tell (WebTorrent's
 * wire, libtorrent's peer flags), so a plaintext fallback would fail the test.
 *
 * <p>transmission is only tested as the side that accepts: on loopback it never dials the peers it
 * learns (see {@code interop/bt/tr_seed.sh}), so when it downloads from us, our seeder dials it
 * ({@code seed --peer}); a connection transmission opens to us cannot be made here.
 */
class EncryptionInteropIT {
  private static final Path NODE_PEER =
      TestEnvironment.repositoryRoot().resolve("interop/npm/webtorrent/tcp-peer.mjs");

  @TempDir Path dir;
  private Path data;
  private Path file;
  private Path torrentFile;

  /** 3 MiB + 1234 bytes of random data in {@code data/}, and its torrent by mktorrent. */
  @BeforeEach
  void oneFileTorrent() throws Exception {
    data = Files.createDirectory(dir.resolve("data"));
    file = ClientInteropIT.random(data.resolve("payload.bin"), 3 * 1024 * 1024 + 1234, 11);
    torrentFile = ClientInteropIT.mktorrent(file, dir.resolve("payload.torrent"));
  }

  // --- node WebTorrent

  @ParameterizedTest(name = "our seeder --encryption {0}: {1} inside MSE")
  @CsvSource({
    // node offers RC4 and plaintext: we select plaintext, as node and libtorrent do by default
    "prefer, plaintext",
    "require, rc4",
  })
  void nodeWebTorrentDownloadsFromOurSeederOverMse(String ours, String method) throws Exception {
    try (PartnerProcess seeder = ourSeeder("--encryption", ours)) {
      String peer = "127.0.0.1:" + Libtorrent.ourMagnetPort(seeder);
      Path out = Files.createDirectory(dir.resolve("node-out"));
      try (PartnerProcess leecher =
          node("leech", out, TestEnvironment.freePort(), "--peer", peer)) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
        assertThat(leecher.output())
            .containsPattern("wire 127\\.0\\.0\\.1:\\d+ encryption=" + method + "\n")
            .doesNotContain("encryption=none");
      }
      assertSameBytes(file, out.resolve(file.getFileName()));
    }
  }

  @ParameterizedTest(name = "our leecher --encryption {0}: {1} inside MSE")
  @CsvSource({
    // we offer both: node (secure 1) picks plaintext inside the MSE handshake, as it prefers
    "prefer, plaintext",
    // we offer RC4 only
    "require, rc4",
  })
  void ourLeecherDownloadsFromNodeWebTorrent(String ours, String method) throws Exception {
    int port = TestEnvironment.freePort();
    try (PartnerProcess seeder = node("seed", data, port)) {
      seeder.await("^listening \\d+", seconds(60));
      try (PartnerProcess leecher = ourDownload("127.0.0.1:" + port, "--encryption", ours)) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
      }
      seeder.await("^wire \\S+ encryption=" + method + "$", seconds(10));
      assertThat(seeder.output()).doesNotContain("encryption=none");
      assertSameBytes(file, dir.resolve("out").resolve(file.getFileName()));
    }
  }

  // --- libtorrent with encryption required

  @Test
  void libtorrentRequiringEncryptionDownloadsFromOurSeeder() throws Exception {
    try (PartnerProcess seeder = ourSeeder()) {
      String peer = "127.0.0.1:" + Libtorrent.ourMagnetPort(seeder);
      Path out = Files.createDirectory(dir.resolve("lt-out"));
      try (PartnerProcess leecher =
          Libtorrent.leech(dir, torrentFile.toString(), out, peer, "--encryption", "forced")) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
        assertThat(leecher.output()).contains("peer " + peer + " encryption=rc4");
      }
      assertSameBytes(file, out.resolve(file.getFileName()));
    }
  }

  @Test
  void ourLeecherDownloadsFromLibtorrentRequiringEncryption() throws Exception {
    try (PartnerProcess seeder =
        Libtorrent.seed(dir, torrentFile, data, "--encryption", "forced")) {
      int port = Libtorrent.seedingPort(seeder);
      try (PartnerProcess leecher = ourDownload("127.0.0.1:" + port)) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
      }
      seeder.await("^peer \\S+ encryption=rc4$", seconds(10));
      assertSameBytes(file, dir.resolve("out").resolve(file.getFileName()));
    }
  }

  // --- transmission with -er (encryption required)

  @Test
  void ourLeecherDownloadsFromTransmissionRequiringEncryption() throws Exception {
    int port = TestEnvironment.freePort();
    try (PartnerProcess seeder = transmission(data, port)) {
      seeder.await("Seeding", seconds(60));
      TestEnvironment.awaitPort(port);
      try (PartnerProcess leecher = ourDownload("127.0.0.1:" + port)) {
        assertThat(leecher.exitCode(seconds(150))).as(leecher.tail()).isZero();
      }
      assertSameBytes(file, dir.resolve("out").resolve(file.getFileName()));
    }
  }

  @Test
  void transmissionRequiringEncryptionDownloadsFromOurSeeder() throws Exception {
    int port = TestEnvironment.freePort();
    Path out = Files.createDirectory(dir.resolve("tr-out"));
    try (PartnerProcess leecher = transmission(out, port)) {
      TestEnvironment.awaitPort(port);
      // transmission does not dial loopback peers: our seeder dials it
      try (PartnerProcess seeder = ourSeeder("--peer", "127.0.0.1:" + port)) {
        // "Seeding" once every piece is in and verified
        leecher.await("Seeding", seconds(150));
      }
      assertSameBytes(file, out.resolve(file.getFileName()));
    }
  }

  // --- processes

  /**
   * transmission-cli on {@code port} with {@code -er}, seeding from or downloading into {@code
   * dataDir}.
   */
  private PartnerProcess transmission(Path dataDir, int port) throws IOException {
    return PartnerProcess.start(
        dir,
        "tr-" + port,
        List.of(
            "env",
            "TR_ENCRYPTION=required",
            Libtorrent.BT.resolve("tr_seed.sh").toString(),
            torrentFile.toString(),
            dataDir.toString(),
            Integer.toString(port)));
  }

  /** node WebTorrent ({@code tcp-peer.mjs}) seeding from or downloading into {@code folder}. */
  private PartnerProcess node(String mode, Path folder, int port, String... options)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "node",
            NODE_PEER.toString(),
            mode,
            torrentFile.toString(),
            folder.toString(),
            Integer.toString(port),
            "--timeout",
            "200"));
    command.addAll(List.of(options));
    return PartnerProcess.start(dir, "node-" + mode, command);
  }

  private PartnerProcess ourSeeder(String... options) throws Exception {
    return ClientInteropIT.ourSeeder(dir, torrentFile, data, options);
  }

  private PartnerProcess ourDownload(String peer, String... options) throws IOException {
    return ClientInteropIT.ourDownload(
        dir, torrentFile.toString(), dir.resolve("out"), peer, "ours-download", options);
  }
}
