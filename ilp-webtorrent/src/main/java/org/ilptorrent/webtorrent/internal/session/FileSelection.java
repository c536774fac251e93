package org.ilptorrent.webtorrent.internal.session;

import java.util.Arrays;
import java.util.List;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.webtorrent.internal.pick.PiecePriorities;
import org.ilptorrent.webtorrent.internal.store.PieceGeometry;

/**
 * Which files of a torrent are wanted, at what priority, turned into piece priorities: a file's
 * inner pieces take its priority, and a piece it shares with other files (at either end) takes the
 * highest priority of the files on it, so deselecting a file never stops a piece a selected file
 * needs. BEP 47 pad files and empty files have no say.
 *
 * <p>Threads: loop thread only (a part of the session's picker state).
 */
public final class FileSelection {
  /** The priority of a deselected file. */
  public static final int DESELECTED = PiecePriorities.NOT_WANTED;

  private final List<FileEntry> files;
  private final PieceGeometry geometry;
  private final int[] priority;

  FileSelection(List<FileEntry> files, PieceGeometry geometry) {
    this.files = List.copyOf(files);
    this.geometry = geometry;
    this.priority = new int[files.size()];
  }

  /** Sets file {@code index} to {@code filePriority} ({@link #DESELECTED} or at least 0). */
  void set(int index, int filePriority, PiecePriorities pieces) {
    FileEntry f = files.get(index);
    priority[index] = filePriority;
    if (!counts(f)) {
      return;
    }
    int[] range = geometry.piecesOf(f.offset(), f.length());
    if (range[1] - range[0] > 1) {
      if (filePriority == DESELECTED) {
        pieces.deselect(range[0] + 1, range[1] - 1);
      } else {
        pieces.select(range[0] + 1, range[1] - 1, filePriority);
      }
    }
    apply(range[0], pieces);
    apply(range[1], pieces);
  }

  /** Gives {@code piece} the highest priority of the files on it. */
  private void apply(int piece, PiecePriorities pieces) {
    long start = geometry.pieceStart(piece);
    long end = start + geometry.pieceLength(piece);
    int best = DESELECTED;
    for (int i = 0; i < files.size(); i++) {
      FileEntry f = files.get(i);
      if (counts(f) && f.offset() < end && f.offset() + f.length() > start) {
        best = Math.max(best, priority[i]);
      }
    }
    if (best == DESELECTED) {
      pieces.deselect(piece, piece);
    } else {
      pieces.select(piece, piece, best);
    }
  }

  private static boolean counts(FileEntry f) {
    return f.length() > 0 && !f.padding();
  }

  @Override
  public String toString() {
    return "FileSelection" + Arrays.toString(priority);
  }
}
