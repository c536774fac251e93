package org.ilptorrent.webtorrent.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.pick.PiecePriorities;
import org.ilptorrent.webtorrent.internal.store.PieceGeometry;
import org.junit.jupiter.api.Test;

class FileSelectionTest {
  private static final int PIECE = 100;

  /** Files of 150, 300, 50 and 100 bytes: pieces 0-1 | 1-4 | 4 | 5 (piece 4 holds three files). */
  private final List<FileEntry> files =
      List.of(
          new FileEntry("a", List.of("t", "a"), "a", 150, 0),
          new FileEntry("b", List.of("t", "b"), "b", 300, 150),
          new FileEntry("c", List.of("t", "c"), "c", 50, 450),
          new FileEntry("d", List.of("t", "d"), "d", 100, 500));

  private final PiecePriorities pieces =
      new PiecePicker<Object>(600, PIECE, new java.util.BitSet(), 2, new java.util.Random(1))
          .priorities();
  private final FileSelection selection = new FileSelection(files, new PieceGeometry(600, PIECE));

  private int[] priorities() {
    int[] p = new int[6];
    for (int i = 0; i < 6; i++) {
      p[i] = pieces.priority(i);
    }
    return p;
  }

  @Test
  void deselectingAFileKeepsThePiecesItShares() {
    selection.set(1, FileSelection.DESELECTED, pieces);
    // piece 1 is shared with a, piece 4 with c; 2 and 3 are b's alone
    assertThat(priorities()).containsExactly(0, 0, -1, -1, 0, 0);
  }

  @Test
  void aSharedPieceGoesOnlyWhenEveryFileOnItIsDeselected() {
    selection.set(1, FileSelection.DESELECTED, pieces);
    selection.set(2, FileSelection.DESELECTED, pieces);
    assertThat(priorities()).containsExactly(0, 0, -1, -1, -1, 0);
    selection.set(2, 3, pieces);
    assertThat(priorities()).containsExactly(0, 0, -1, -1, 3, 0);
  }

  @Test
  void aSharedPieceTakesTheHighestPriorityOfItsFiles() {
    selection.set(0, 5, pieces);
    assertThat(priorities()).containsExactly(5, 5, 0, 0, 0, 0);
    selection.set(1, 2, pieces);
    assertThat(priorities()).containsExactly(5, 5, 2, 2, 2, 0);
  }

  @Test
  void selectingAgainUndoesADeselect() {
    selection.set(3, FileSelection.DESELECTED, pieces);
    assertThat(priorities()).containsExactly(0, 0, 0, 0, 0, -1);
    selection.set(3, 0, pieces);
    assertThat(priorities()).containsExactly(0, 0, 0, 0, 0, 0);
  }
}
