package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PieceStore} does; subclasses give the store. */
abstract class PieceStoreContractTest {
  /** 3 files (10,000 + 50,000 + 7 bytes) in pieces of 16 KiB: 4 pieces, the last of 10,775. */
  static final int PIECE = 16 * 1024;

  TestTorrents t;

  abstract PieceStore store(TestTorrents t) throws IOException;

  @BeforeEach
  void makeTorrent() throws Exception {
    t = TestTorrents.multiFile(PIECE, 1, 10_000, 50_000, 7);
  }

  @Test
  void hasTheTorrentsShape() throws Exception {
    try (PieceStore s = store(t)) {
      assertThat(s.pieceCount()).isEqualTo(4);
      assertThat(s.pieceLength(0)).isEqualTo(PIECE);
      assertThat(s.pieceLength(3)).isEqualTo(60_007 - 3 * PIECE);
    }
  }

  @Test
  void readsBackWhatWasWrittenInAnyOrderAndChunking() throws Exception {
    try (PieceStore s = store(t)) {
      writeAll(s, new Random(3));
      for (int p = 0; p < s.pieceCount(); p++) {
        assertThat(s.read(p, 0, s.pieceLength(p))).isEqualTo(slice(p, 0, s.pieceLength(p)));
      }
      // a read across the first file boundary (10,000) inside piece 0
      assertThat(s.read(0, 9_990, 20)).isEqualTo(slice(0, 9_990, 20));
    }
  }

  @Test
  void unwrittenBytesReadAsZerosAndMayNotBeThere() throws Exception {
    try (PieceStore s = store(t)) {
      assertThat(s.read(1, 100, 50)).containsOnly(0);
      assertThat(s.mayContain(1)).isFalse();
      s.write(1, 0, ByteBuffer.wrap(slice(1, 0, PIECE)));
      assertThat(s.mayContain(1)).isTrue();
    }
  }

  @Test
  void writeAdvancesTheSourceAndReadFillsTheDestination() throws Exception {
    try (PieceStore s = store(t)) {
      ByteBuffer src = ByteBuffer.wrap(slice(2, 10, 100));
      s.write(2, 10, src);
      assertThat(src.hasRemaining()).isFalse();
      ByteBuffer dst = ByteBuffer.allocateDirect(100);
      s.read(2, 10, dst);
      assertThat(dst.hasRemaining()).isFalse();
      byte[] back = new byte[100];
      dst.flip().get(back);
      assertThat(back).isEqualTo(slice(2, 10, 100));
    }
  }

  @Test
  void refusesRangesOutsideTheirPiece() throws Exception {
    try (PieceStore s = store(t)) {
      assertThatThrownBy(() -> s.read(4, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> s.read(-1, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> s.read(0, PIECE - 1, 2))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> s.write(3, s.pieceLength(3), ByteBuffer.allocate(1)))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> s.read(0, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsFail() throws Exception {
    PieceStore s = store(t);
    s.write(0, 0, ByteBuffer.wrap(new byte[10]));
    s.close();
    s.close();
    assertThatThrownBy(() -> s.read(0, 0, 1)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> s.write(0, 0, ByteBuffer.allocate(1))).isInstanceOf(IOException.class);
  }

  @Test
  void concurrentWritersOfDifferentBlocksAllLand() throws Exception {
    try (PieceStore s = store(t)) {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
      for (int p = 0; p < s.pieceCount(); p++) {
        int piece = p;
        Thread th =
            new Thread(
                () -> {
                  try {
                    for (int off = 0; off < s.pieceLength(piece); off += 1000) {
                      int n = Math.min(1000, s.pieceLength(piece) - off);
                      s.write(piece, off, ByteBuffer.wrap(slice(piece, off, n)));
                    }
                  } catch (IOException | RuntimeException e) {
                    errors.add(e);
                  }
                });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      assertThat(errors).isEmpty();
      for (int p = 0; p < s.pieceCount(); p++) {
        assertThat(s.read(p, 0, s.pieceLength(p))).isEqualTo(slice(p, 0, s.pieceLength(p)));
      }
    }
  }

  /** Writes every piece in random order, in random-sized chunks. */
  void writeAll(PieceStore s, Random random) throws IOException {
    List<Integer> order = new ArrayList<>();
    for (int p = 0; p < s.pieceCount(); p++) {
      order.add(p);
    }
    Collections.shuffle(order, random);
    for (int p : order) {
      int off = 0;
      while (off < s.pieceLength(p)) {
        int n = Math.min(1 + random.nextInt(9000), s.pieceLength(p) - off);
        s.write(p, off, ByteBuffer.wrap(slice(p, off, n)));
        off += n;
      }
    }
  }

  byte[] slice(int piece, int offset, int length) {
    int from = piece * PIECE + offset;
    return java.util.Arrays.copyOfRange(t.content(), from, from + length);
  }
}
