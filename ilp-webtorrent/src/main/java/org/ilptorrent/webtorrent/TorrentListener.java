package org.ilptorrent.webtorrent;

import java.net.InetSocketAddress;

/**
 * Events of one torrent. Every method has a no-op default.
 *
 * <p><b>Threading.</b> Methods are called one at a time, in order, on the client's event thread
 * ({@code ilp-webtorrent-events-<port>}), never on the network thread; a listener that blocks
 * delays the events of every torrent of the client (not the transfer itself), so it must not block.
 * An exception thrown by a listener is logged and otherwise ignored.
 */
public interface TorrentListener {
  /** The info dict is known: from the .torrent, or fetched from peers (ut_metadata). */
  default void onMetadata(org.ilptorrent.parse.Torrent metadata) {}

  /** Storage is open and checked: the torrent downloads and serves pieces from now on. */
  default void onReady() {}

  /** A downloaded piece matched its hash. */
  default void onPieceVerified(int piece) {}

  /** A peer finished the handshake. */
  default void onPeerConnected(InetSocketAddress peer) {}

  /** A connection that had finished the handshake closed. */
  default void onPeerDisconnected(InetSocketAddress peer) {}

  /** Something went wrong that the torrent survives (a banned peer, a bad piece, a lost peer). */
  default void onWarning(String message) {}

  /** Every piece is verified; the torrent keeps seeding. */
  default void onDone() {}

  /** The torrent stopped for good (e.g. storage failed); no event follows. */
  default void onError(Throwable error) {}
}
