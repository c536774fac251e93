package org.ilptorrent.webtorrent;

/**
 * Events of a whole client, like WebTorrent's {@code client.on('add' | 'remove' | 'error')}. Every
 * method has a no-op default.
 *
 * <p><b>Threading.</b> Called one at a time, in order, on the client's event thread ({@code
 * ilp-webtorrent-events-<port>}), the thread of the torrents' own events, so it must not block. An
 * exception thrown by a listener is logged and otherwise ignored.
 */
public interface ClientListener {
  /** A torrent was added (by {@code add}, {@code seed} or {@code seedPaid}). */
  default void onTorrentAdded(Torrent torrent) {}

  /** A torrent was removed ({@link Torrent#remove()}, {@link WebTorrent#remove}, or on close). */
  default void onTorrentRemoved(Torrent torrent) {}

  /**
   * A torrent stopped for good with {@code error} (its {@link TorrentListener#onError}); it stays
   * in {@link WebTorrent#torrents()} until removed.
   */
  default void onTorrentError(Torrent torrent, Throwable error) {}
}
