package org.ilptorrent.tracker.client;

import java.net.URI;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;

/**
 * A WebRTC answer to one of our offers, routed back by a WebSocket tracker.
 *
 * @param tracker the tracker it came through
 * @param infoHash the torrent
 * @param from the peer that answered
 * @param offerId the id of our offer
 * @param answer the answer
 */
public record ReceivedAnswer(
    URI tracker, InfoHash infoHash, PeerId from, OfferId offerId, SessionDescription answer) {
  /** Validates the fields. */
  public ReceivedAnswer {
    if (tracker == null || infoHash == null || from == null || offerId == null || answer == null) {
      throw new IllegalArgumentException("every field is required");
    }
  }
}
