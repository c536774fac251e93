package org.ilptorrent.webtorrent.webrtc.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ilptorrent.tracker.client.Offer;
import org.ilptorrent.tracker.client.OfferId;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.SessionDescription;
import org.ilptorrent.webtorrent.PeerStream;
import org.ilptorrent.webtorrent.PeerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent's WebRTC signalling, as WebTorrent's bittorrent-tracker client does it: offers wait
 * for their answer under their offer id and are dropped after the offer timeout; an answered offer
 * or an answered remote offer gets {@link #CONNECT_SECONDS} to open its data channel.
 */
public final class OfferBook implements PeerTransport.Swarm {
  private static final Logger LOG = LoggerFactory.getLogger(OfferBook.class);

  /** From the answer to an open data channel (ICE checks and the DTLS handshake). */
  static final long CONNECT_SECONDS = 30;

  private final RtcStack stack;
  private final Duration offerTimeout;
  private final Consumer<PeerStream> connected;
  private final Map<OfferId, RtcPeer> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public OfferBook(RtcStack stack, Duration offerTimeout, Consumer<PeerStream> connected) {
    this.stack = stack;
    this.offerTimeout = offerTimeout;
    this.connected = connected;
  }

  @Override
  public CompletableFuture<List<Offer>> createOffers(int count) {
    List<CompletableFuture<Optional<Offer>>> made = new ArrayList<>();
    for (int i = 0; i < count && !closed; i++) {
      RtcPeer peer = stack.newPeer(connected);
      if (peer == null) {
        break;
      }
      OfferId id = OfferId.random();
      pending.put(id, peer);
      schedule(
          () -> {
            if (pending.remove(id, peer)) {
              peer.close(); // nobody answered
            }
          },
          offerTimeout.toMillis());
      made.add(
          peer.offer()
              .thenApply(sdp -> Optional.of(new Offer(id, SessionDescription.offer(sdp))))
              .exceptionally(
                  e -> {
                    pending.remove(id, peer);
                    peer.close();
                    return Optional.empty();
                  }));
    }
    return CompletableFuture.allOf(made.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<Offer> offers = new ArrayList<>();
              for (CompletableFuture<Optional<Offer>> f : made) {
                f.join().ifPresent(offers::add);
              }
              LOG.debug("made {} of {} offers", offers.size(), count);
              return offers;
            });
  }

  @Override
  public void onAnswer(ReceivedAnswer answer) {
    RtcPeer peer = pending.remove(answer.offerId());
    if (peer == null) {
      LOG.debug("answer to an unknown or expired offer {}", answer.offerId());
      return;
    }
    LOG.debug("answer to offer {} from {}", answer.offerId(), answer.from());
    peer.accept(answer.answer().sdp());
    closeUnlessConnected(peer);
  }

  @Override
  public CompletableFuture<Optional<SessionDescription>> answer(ReceivedOffer offer) {
    RtcPeer peer = closed ? null : stack.newPeer(connected);
    if (peer == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    closeUnlessConnected(peer);
    LOG.debug("answering offer {} from {}", offer.offerId(), offer.from());
    return peer.answer(offer.offer().sdp())
        .thenApply(sdp -> Optional.of(SessionDescription.answer(sdp)))
        .exceptionally(
            e -> {
              peer.close();
              return Optional.empty();
            });
  }

  private void closeUnlessConnected(RtcPeer peer) {
    schedule(
        () -> {
          if (!peer.isConnected()) {
            peer.close();
          }
        },
        TimeUnit.SECONDS.toMillis(CONNECT_SECONDS));
  }

  private void schedule(Runnable task, long millis) {
    try {
      stack.signal.schedule(task, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the transport is closing and closes every peer itself
    }
  }

  /** Drops the offers still waiting for an answer; connected peers stay with the client. */
  @Override
  public void close() {
    closed = true;
    for (OfferId id : List.copyOf(pending.keySet())) {
      RtcPeer p = pending.remove(id);
      if (p != null) {
        p.close();
      }
    }
  }
}
