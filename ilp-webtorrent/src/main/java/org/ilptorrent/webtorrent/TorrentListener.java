package org.ilptorrent.webtorrent;

import java.net.InetSocketAddress;
import org.ilptorrent.parse.TorrentInfo;

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
  default void onMetadata(TorrentInfo metadata) {}

  /** Storage is open and checked: the torrent downloads and serves pieces from now on. */
  default void onReady() {}

  /** A downloaded piece matched its hash. */
  default void onPieceVerified(int piece) {}

  /**
   * A peer finished the handshake. {@code peer} is the other end of the connection: the address we
   * dialled, or for a peer that dialled us its address and ephemeral port.
   */
  default void onPeerConnected(InetSocketAddress peer) {}

  /** A connection that had finished the handshake closed. */
  default void onPeerDisconnected(InetSocketAddress peer) {}

  /** Something went wrong that the torrent survives (a banned peer, a bad piece, a lost peer). */
  default void onWarning(String message) {}

  /** Every piece is verified; the torrent keeps seeding. */
  default void onDone() {}

  /**
   * A tracker asks for payment: {@code license} is its licence, already checked against the
   * magnet's {@code pp}/{@code vr} (and the torrent's {@code info} when known). Next the {@link
   * PaymentPolicy} is asked; nothing is paid before it approves.
   */
  default void onPaymentRequired(org.ilptorrent.magnet.License license) {}

  /**
   * Money is moving: {@code paid} is what receipts attest so far for this download and {@code
   * price} the licence amount, both in the receiving wallet's units.
   */
  default void onPaying(long paid, long price) {}

  /** The payment reached the price: {@code delivered} is what the receipts attest in all. */
  default void onPaid(long delivered) {}

  /** The verifier credited receipts: {@code credited} is this download's total credited. */
  default void onReceiptsCredited(long credited) {}

  /** A tracker admitted the paid balance (it spent the price): peers come from now on. */
  default void onAdmitted() {}

  /**
   * The torrent stopped for good (e.g. storage failed, or a paid torrent could not be paid: a
   * {@link PaymentException}); no event follows.
   */
  default void onError(Throwable error) {}
}
