package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PieceVerifierTest {
  private static final int PIECE = 16 * 1024;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 8})
  void findsExactlyTheIntactPieces(int parallelism) throws Exception {
    TestTorrents t = TestTorrents.multiFile(PIECE, 9, 100_000, 3, 200_000, 50_000);
    int pieces = t.torrent().pieceCount();
    try (FilePieceStore s = FilePieceStore.open(dir, t.torrent())) {
      for (int p = 0; p < pieces; p++) {
        int from = p * PIECE;
        int len = s.pieceLength(p);
        byte[] data = Arrays.copyOfRange(t.content(), from, from + len);
        if (p == 5) {
          data[100] ^= 1; // corrupt
        }
        if (p != 7) {
          s.write(p, 0, ByteBuffer.wrap(data)); // piece 7 never written: zeros
        }
      }
      BitSet valid = PieceVerifier.verify(t.torrent(), s, parallelism);
      BitSet expected = new BitSet();
      expected.set(0, pieces);
      expected.clear(5);
      expected.clear(7);
      assertThat(valid).isEqualTo(expected);
    }
  }

  @Test
  void aMissingFileLosesOnlyItsPieces() throws Exception {
    TestTorrents t = TestTorrents.multiFile(PIECE, 2, 2 * PIECE, 2 * PIECE);
    try (FilePieceStore s = FilePieceStore.open(dir, t.torrent())) {
      new PieceStoreFill(t).fill(s);
    }
    Files.delete(dir.resolve("set/file1.bin"));
    try (FilePieceStore s = FilePieceStore.open(dir, t.torrent())) {
      assertThat(PieceVerifier.verify(t.torrent(), s).stream()).containsExactly(0, 1);
    }
  }

  @Test
  void anEmptyFolderHasNoPiecesAndIsNotRead() throws Exception {
    TestTorrents t = TestTorrents.multiFile(PIECE, 2, 5 * PIECE);
    try (FilePieceStore s = FilePieceStore.open(dir.resolve("none"), t.torrent())) {
      assertThat(PieceVerifier.verify(t.torrent(), s).isEmpty()).isTrue();
    }
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void aTorrentSmallerThanOnePiece() throws Exception {
    TestTorrents t = TestTorrents.multiFile(PIECE, 4, 100, 20);
    try (MemoryPieceStore s = MemoryPieceStore.of(t.torrent())) {
      new PieceStoreFill(t).fill(s);
      assertThat(PieceVerifier.verify(t.torrent(), s).stream()).containsExactly(0);
    }
  }

  @Test
  void refusesAStoreOfAnotherShape() throws Exception {
    TestTorrents t = TestTorrents.multiFile(PIECE, 2, 5 * PIECE);
    try (MemoryPieceStore s = new MemoryPieceStore(5 * PIECE, 2 * PIECE)) {
      assertThatThrownBy(() -> PieceVerifier.verify(t.torrent(), s))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void passesOnTheStoresFailure() throws Exception {
    TestTorrents t = TestTorrents.multiFile(PIECE, 2, 5 * PIECE);
    MemoryPieceStore memory = MemoryPieceStore.of(t.torrent());
    new PieceStoreFill(t).fill(memory);
    PieceStore failing =
        new ForwardingPieceStore(memory) {
          @Override
          public void read(int piece, int offset, ByteBuffer dst) throws IOException {
            if (piece == 3) {
              throw new IOException("disk gone");
            }
            super.read(piece, offset, dst);
          }
        };
    assertThatThrownBy(() -> PieceVerifier.verify(t.torrent(), failing, 3))
        .isInstanceOf(IOException.class)
        .hasMessage("disk gone");
  }

  @Test
  void anInterruptedCallerGetsInterruptedException() throws Exception {
    TestTorrents t = TestTorrents.multiFile(PIECE, 2, 5 * PIECE);
    try (MemoryPieceStore s = MemoryPieceStore.of(t.torrent())) {
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> PieceVerifier.verify(t.torrent(), s, 2))
          .isInstanceOf(InterruptedException.class);
      assertThat(Thread.interrupted()).isFalse();
    }
  }

  /** Writes a torrent's content into a store. */
  record PieceStoreFill(TestTorrents t) {
    void fill(PieceStore s) throws IOException {
      for (int p = 0; p < s.pieceCount(); p++) {
        int from = p * PIECE;
        s.write(
            p, 0, ByteBuffer.wrap(Arrays.copyOfRange(t.content(), from, from + s.pieceLength(p))));
      }
    }
  }

  @Test
  void aFolderWithoutPadFilesChecksCompleteForATorrentWithPadding() throws Exception {
    // file0 ends inside piece 1; file1 is padded at its end too (libtorrent pads the last file)
    PaddedTorrent t = PaddedTorrent.of("album", PIECE, 8, PIECE + 100, 3 * PIECE + 7).writeTo(dir);
    try (FilePieceStore s = FilePieceStore.open(dir, t.torrent())) {
      BitSet valid = PieceVerifier.verify(t.torrent(), s, 2);
      assertThat(valid.cardinality()).isEqualTo(t.torrent().pieceCount()).isEqualTo(6);
    }
    Files.delete(dir.resolve("album/file1.bin"));
    try (FilePieceStore s = FilePieceStore.open(dir, t.torrent())) {
      // pieces 2..5 hold file1 (and padding): gone with it; pieces 0..1 stay
      assertThat(PieceVerifier.verify(t.torrent(), s).stream()).containsExactly(0, 1);
    }
  }
}
