package org.ilptorrent.webtorrent.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PieceGeometryTest {
  private final PieceGeometry g = new PieceGeometry(100_000, 16_384); // 7 pieces, last 1,696

  @Test
  void cutsTheTorrentIntoPieces() {
    assertThat(g.pieceCount()).isEqualTo(7);
    assertThat(g.pieceLength(0)).isEqualTo(16_384);
    assertThat(g.pieceLength(6)).isEqualTo(100_000 - 6 * 16_384);
    assertThat(g.pieceStart(6)).isEqualTo(6L * 16_384);
    assertThatThrownBy(() -> g.pieceLength(7)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void findsThePiecesOfAByteRange() {
    assertThat(g.piecesOf(0, 1)).containsExactly(0, 0);
    assertThat(g.piecesOf(16_383, 2)).containsExactly(0, 1);
    assertThat(g.piecesOf(16_384, 16_384)).containsExactly(1, 1);
    assertThat(g.piecesOf(0, 100_000)).containsExactly(0, 6);
    assertThatThrownBy(() -> g.piecesOf(99_999, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> g.piecesOf(5, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void checksRangesInsideAPiece() {
    g.checkRange(6, 0, 1696);
    assertThatThrownBy(() -> g.checkRange(6, 1, 1696))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new PieceGeometry(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
