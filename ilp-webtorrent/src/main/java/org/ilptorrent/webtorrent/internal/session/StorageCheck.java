package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.PieceStoreFactory;
import org.ilptorrent.webtorrent.PieceVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a torrent's storage and checks what it already holds, on a thread of its own, so checking a
 * large torrent never delays other torrents' piece hashes. The outcome goes to callbacks on that
 * thread; the caller hands it to its loop.
 */
final class StorageCheck {
  private static final Logger LOG = LoggerFactory.getLogger(TorrentSession.class);

  private StorageCheck() {}

  /**
   * Starts the check; the returned thread may be interrupted to abandon it.
   *
   * @param ready takes the open store and the pieces it holds
   * @param failed takes why the store could not be opened or checked
   */
  static Thread start(
      PieceStoreFactory factory,
      Path folder,
      TorrentInfo t,
      String threadName,
      BiConsumer<PieceStore, BitSet> ready,
      Consumer<Throwable> failed) {
    Thread check =
        new Thread(
            () -> {
              PieceStore s = null;
              try {
                s = factory.open(folder, t);
                BitSet have = PieceVerifier.verify(t, s, 2);
                ready.accept(s, have);
              } catch (IOException | RuntimeException e) {
                closeQuietly(s);
                failed.accept(e);
              } catch (InterruptedException e) {
                closeQuietly(s);
                Thread.currentThread().interrupt();
              }
            },
            threadName);
    check.setDaemon(true);
    check.start();
    return check;
  }

  static void closeQuietly(PieceStore s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing storage", e);
      }
    }
  }
}
