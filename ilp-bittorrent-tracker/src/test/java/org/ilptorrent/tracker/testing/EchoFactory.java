package org.ilptorrent.tracker.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ilptorrent.tracker.client.Offer;
import org.ilptorrent.tracker.client.OfferFactory;
import org.ilptorrent.tracker.client.OfferId;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.SessionDescription;

/**
 * Offers with SDP {@code offer-N}; answers every offer with {@code answer-to-<sdp>}. An {@link
 * OfferFactory} for tests without a WebRTC stack.
 *
 * <p>It reaches ilp-torrent-discovery's tests through this module's test jar: ilp-test-fixtures
 * cannot hold it, since this module's tests depend on ilp-test-fixtures and a fixture that named a
 * tracker type would make the reactor cyclic. Its package is one the module does not have, so on
 * the class path of another module's tests it is not hidden by the module's own packages.
 */
public final class EchoFactory implements OfferFactory {
  @Override
  public CompletableFuture<List<Offer>> createOffers(int count) {
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      offers.add(new Offer(OfferId.random(), SessionDescription.offer("offer-" + i)));
    }
    return CompletableFuture.completedFuture(offers);
  }

  @Override
  public CompletableFuture<Optional<SessionDescription>> answer(ReceivedOffer offer) {
    return CompletableFuture.completedFuture(
        Optional.of(SessionDescription.answer("answer-to-" + offer.offer().sdp())));
  }
}
