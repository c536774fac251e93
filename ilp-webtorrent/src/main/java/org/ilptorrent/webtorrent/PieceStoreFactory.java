package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.nio.file.Path;
import org.ilptorrent.parse.TorrentInfo;

/** Opens the storage of a torrent once its metadata is known. */
@FunctionalInterface
public interface PieceStoreFactory {
  /**
   * A store for {@code torrent} whose files go under {@code folder}.
   *
   * @throws IOException when storage cannot be opened
   */
  PieceStore open(Path folder, TorrentInfo torrent) throws IOException;

  /** {@link FilePieceStore}: the torrent's files under the folder (the default). */
  static PieceStoreFactory files() {
    return FilePieceStore::open;
  }

  /** {@link MemoryPieceStore}: nothing is written to disk; the folder is ignored. */
  static PieceStoreFactory memory() {
    return (folder, torrent) -> MemoryPieceStore.of(torrent);
  }
}
