package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.assertSameFiles;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ilptorrent.parse.FileEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BEP 47 pad files between two of our clients and against a peer that sends non-zero padding: they
 * are never on disk on either side, the seeder serves zeros for them, and a piece whose padding a
 * peer did not send as zeros fails, whether or not its hash would have passed.
 */
class PadFilesIT {
  private static final int PIECE = 16 * 1024;

  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void aTorrentWithPadFilesIsSeededAndDownloadedWithoutThem() throws Exception {
    // a 3-byte file between two larger ones: one piece is 3 bytes of data and the rest padding
    PaddedTorrent t = PaddedTorrent.of("album", PIECE, 1, 5 * PIECE + 123, 3, 2 * PIECE + 1);
    t.writeTo(seedDir);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(t.torrent(), seedDir, SeedOptions.defaults()));
      Torrent d = leecher.add(t.torrent(), AddOptions.builder().addPeer(address(seeder)).build());
      awaitDone(d);
      assertSameFiles(seedDir, leechDir);
      assertThat(regularFiles(leechDir))
          .containsExactlyInAnyOrder("album/file0.bin", "album/file1.bin", "album/file2.bin");
      // listed as WebTorrent lists them, and counted in the progress like WebTorrent's
      assertThat(d.files()).hasSize(6);
      assertThat(d.files().stream().filter(TorrentFile::padding).map(f -> f.path().get(1)))
          .containsOnly(".pad");
      assertThat(d.progress().verifiedBytes()).isEqualTo(t.content().length);
      TorrentFile pad = d.files().get(1);
      try (var in = pad.newInputStream()) {
        assertThat(in.readAllBytes()).hasSize((int) pad.length()).containsOnly(0);
      }
    }
  }

  @Test
  void nonZeroPaddingFailsThePieceThoughItsHashIsComputedOverZeros() throws Exception {
    PaddedTorrent t = PaddedTorrent.of("album", PIECE, 2, PIECE + 100, 2 * PIECE);
    byte[] sent = t.content().clone();
    fill(t, sent, (byte) 0x55);
    // The store drops padding and reads zeros back: the hash of piece 1 would pass.
    assertFailsOnPadding(t, sent, PieceStoreFactory.files());
    assertThat(leechDir.resolve("album/.pad")).doesNotExist();
  }

  @Test
  void nonZeroPaddingFailsThePieceEvenWhenTheHashCoversThoseBytes() throws Exception {
    // a torrent that hashed its "padding" as 0x55s, against BEP 47; a memory store hashes what
    // arrived, so only the zero check keeps piece 1 out
    PaddedTorrent t =
        PaddedTorrent.hashingPaddingAs((byte) 0x55, "album", PIECE, 3, PIECE + 100, 2 * PIECE);
    assertFailsOnPadding(t, t.content(), PieceStoreFactory.memory());
  }

  private void assertFailsOnPadding(PaddedTorrent t, byte[] sent, PieceStoreFactory store)
      throws Exception {
    try (FakePeer peer = FakePeer.lateBitfield(t.torrent(), sent);
        WebTorrent leecher = client(leechDir)) {
      CompletableFuture<String> warning = new CompletableFuture<>();
      Torrent d =
          leecher.add(
              t.torrent(),
              AddOptions.builder().storeFactory(store).addPeer(peer.address()).build());
      d.addListener(
          new TorrentListener() {
            @Override
            public void onWarning(String message) {
              if (message.contains("padding")) {
                warning.complete(message);
              }
            }
          });
      assertThat(warning.get(60, TimeUnit.SECONDS))
          .isEqualTo("piece 1 had non-zero bytes in padding (BEP 47); fetching it again");
      // piece 0 (all data) and pieces 2, 3 (file1) are fine; piece 1 never verifies
      assertThat(d.progress().isDone()).isFalse();
    }
  }

  private static void fill(PaddedTorrent t, byte[] content, byte value) {
    for (FileEntry f : t.torrent().files()) {
      if (f.padding()) {
        java.util.Arrays.fill(content, (int) f.offset(), (int) (f.offset() + f.length()), value);
      }
    }
  }

  private static List<String> regularFiles(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .toList();
    }
  }
}
