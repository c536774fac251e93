package org.ilptorrent.webtorrent;

import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.tracker.client.OfferFactory;
import org.ilptorrent.tracker.client.ReceivedAnswer;

/**
 * A way to reach peers besides TCP whose connections are signalled through WebSocket trackers
 * (WebRTC, in {@code ilp-webtorrent-webrtc}), plugged in with {@link WebTorrent.Builder#transport}.
 * For each torrent the client {@link #join joins} the transport: the {@link Swarm} it returns makes
 * the offers of the torrent's WebSocket announces and answers the offers those trackers forward;
 * every connection it opens reaches the client as a {@link PeerStream}, over which the client runs
 * the same peer wire, piece picker, choker and access gate as over TCP.
 *
 * <p>Paid torrents: a tracker forwards the offers and routes the answers of admitted peers only, so
 * a stream from a transport counts as admitted by the tracker; an access ticket such a peer still
 * shows is checked as over TCP.
 */
public interface PeerTransport extends AutoCloseable {
  /**
   * Signalling for one torrent, from when it is added until it is removed.
   *
   * @param connected takes each stream once connected (any thread); the client closes the stream
   *     when it cannot use it
   */
  Swarm join(InfoHash infoHash, Consumer<PeerStream> connected);

  /** Closes every connection and releases the transport; idempotent. The client calls it. */
  @Override
  void close();

  /**
   * One torrent's signalling: its offers (see {@link OfferFactory}) and the answers to them, which
   * the client passes on from the trackers.
   */
  interface Swarm extends OfferFactory {
    /** A tracker routed an answer to one of this swarm's offers (event thread of the trackers). */
    void onAnswer(ReceivedAnswer answer);

    /** The torrent is removed: drops its unanswered offers; idempotent. */
    void close();
  }
}
