package org.ilptorrent.discovery;

import java.net.InetSocketAddress;
import java.net.URI;
import org.ilptorrent.magnet.License;
import org.ilptorrent.tracker.client.OfferFactory;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;

/**
 * What a {@link Discovery} learns about one torrent. Every method has a no-op default.
 *
 * <p><b>Threading.</b> Calls come one at a time, in order, on the discovery's event executor: a
 * thread of its own named {@code ilp-discovery-events-N} (started when there is something to
 * deliver and ended when idle), or the executor given to {@link Discovery.Builder#eventExecutor}.
 * Methods must return quickly and never block; hand heavy work to an executor of your own. An
 * exception thrown by a method is logged and otherwise ignored. Nothing is delivered after {@link
 * Discovery#close()}.
 */
public interface DiscoveryListener {
  /**
   * A peer to try. One address is reported once within the discovery's deduplication window (a
   * minute by default), with the source that named it first.
   */
  default void onPeer(InetSocketAddress peer, PeerSource source) {}

  /**
   * A WebRTC offer from another peer, through a WebSocket tracker. With an {@link OfferFactory} the
   * factory is asked for the answer too; otherwise answer with {@link Discovery#answer}.
   */
  default void onOffer(ReceivedOffer offer) {}

  /** A WebRTC answer to one of the offers of this torrent's {@link OfferFactory}. */
  default void onAnswer(ReceivedAnswer answer) {}

  /**
   * A tracker accepted an announce.
   *
   * @param complete seeders in the swarm
   * @param incomplete leechers in the swarm
   */
  default void onAnnounced(URI tracker, int complete, int incomplete) {}

  /**
   * The torrent is paid and the announce carried no balance that covers it: pay {@code license},
   * credit the receipts under a balance id, then call {@link Discovery#setBalanceId}. The tracker
   * is not announced to again until then.
   */
  default void onPaymentRequired(URI tracker, License license) {}

  /**
   * A tracker admitted an announce that carried our {@link Discovery#setLeecherKey leecher key} and
   * issued an access ticket: {@code ticket} (125 bytes) signed by {@code trackerKey} (raw 32-byte
   * Ed25519 key). Keep the newest; serving peers of the paid torrent ask for it. Not checked here.
   */
  default void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {}

  /**
   * Something went wrong that does not stop discovery; the source keeps trying.
   *
   * @param source the tracker URL, {@code "lsd"}, {@code "dht"} or {@code "magnet"} (a magnet
   *     tracker or peer address that could not be read)
   */
  default void onWarning(String source, String message) {}
}
