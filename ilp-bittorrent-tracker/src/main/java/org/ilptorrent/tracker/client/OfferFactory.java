package org.ilptorrent.tracker.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Makes WebRTC offers for WebSocket announces and answers offers from other peers: the seam where a
 * WebRTC stack plugs in. Without one, WebSocket announces carry no offers and received offers only
 * reach {@link TrackerListener#onOffer}.
 *
 * <p>Called on the client's event thread; return at once and complete the futures later (creating
 * an offer gathers ICE candidates, which is slow).
 */
public interface OfferFactory {
  /**
   * Up to {@code count} new offers, each with a fresh random {@link OfferId}. Fewer is fine; a
   * failed future means the announce goes out without offers.
   */
  CompletableFuture<List<Offer>> createOffers(int count);

  /**
   * An answer to an offer from another peer, sent back through the tracker when the future
   * completes with one; empty declines the offer. Declines by default.
   */
  default CompletableFuture<Optional<SessionDescription>> answer(ReceivedOffer offer) {
    return CompletableFuture.completedFuture(Optional.empty());
  }
}
