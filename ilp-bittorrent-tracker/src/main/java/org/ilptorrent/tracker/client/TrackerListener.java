package org.ilptorrent.tracker.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.ilptorrent.magnet.License;

/**
 * What a {@link TrackerClient} learns from its trackers. Every method has a no-op default.
 *
 * <p><b>Threading.</b> All methods but {@link #onError} are called on the event thread of the
 * client's {@link TrackerConnections} ({@code ilp-tracker-client-events}), one call at a time and
 * in the order the events happened. That thread is shared by every client of the pool: methods must
 * return quickly and never block (hand heavy work to an executor of your own). An exception thrown
 * by a method is logged and otherwise ignored.
 */
public interface TrackerListener {
  /** A peer's address from an HTTP or UDP tracker (IPv4 {@code peers} or IPv6 {@code peers6}). */
  default void onPeer(InetSocketAddress peer, URI tracker) {}

  /**
   * A WebRTC offer from another peer. When the client has an {@link OfferFactory}, it is also asked
   * for the answer; otherwise answer with {@link TrackerClient#answer}.
   */
  default void onOffer(ReceivedOffer offer) {}

  /** A WebRTC answer to one of our offers. */
  default void onAnswer(ReceivedAnswer answer) {}

  /**
   * A tracker accepted an announce.
   *
   * @param complete seeders in the swarm
   * @param incomplete leechers in the swarm
   * @param interval when the client announces again by itself
   */
  default void onAnnounced(URI tracker, int complete, int incomplete, Duration interval) {}

  /** A tracker's counts for the torrent, after {@link TrackerClient#scrape()}. */
  default void onScrape(URI tracker, int complete, int incomplete, int downloaded) {}

  /**
   * The torrent is paid and this announce carried no balance that covers it: {@code license} says
   * what to pay and where. Pay, then call {@link TrackerClient#setBalanceId} and {@link
   * TrackerClient#update()}. The client does not re-announce to this tracker until then.
   */
  default void onPaymentRequired(URI tracker, License license) {}

  /**
   * A tracker admitted an announce of a paid torrent that carried our {@link
   * TrackerClient#setLeecherKey leecher key} and issued an access ticket for it: {@code ticket}
   * (125 bytes, {@link org.ilptorrent.tracker.AccessTicket#parse}) signed by {@code trackerKey}
   * (the raw 32-byte Ed25519 key, {@link org.ilptorrent.tracker.AccessKeys#publicKey(byte[])}).
   * Called before {@link #onAnnounced} for that answer; neither is checked here.
   */
  default void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {}

  /**
   * A tracker failed, is unreachable, or sent something unreadable; the client carries on and tries
   * again later.
   */
  default void onWarning(URI tracker, String message) {}

  /**
   * The client cannot go on and is closed: its shared {@link TrackerConnections} were closed while
   * it was started. Called once, on the thread that closed the pool (the event thread is gone by
   * then); never for tracker failures, which are warnings.
   */
  default void onError(Throwable error) {}
}
