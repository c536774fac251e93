package org.ilptorrent.tracker.client;

import java.net.URI;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;

/**
 * A WebRTC offer from another peer of the swarm, forwarded by a WebSocket tracker.
 *
 * @param tracker the tracker it came through
 * @param infoHash the torrent
 * @param from the peer that made it, to answer to
 * @param offerId the id the answer must carry
 * @param offer the offer
 */
public record ReceivedOffer(
    URI tracker, InfoHash infoHash, PeerId from, OfferId offerId, SessionDescription offer) {
  /** Validates the fields. */
  public ReceivedOffer {
    if (tracker == null || infoHash == null || from == null || offerId == null || offer == null) {
      throw new IllegalArgumentException("every field is required");
    }
  }
}
