package org.ilptorrent.tracker.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.Offer;
import org.ilptorrent.tracker.client.OfferFactory;
import org.ilptorrent.tracker.client.OfferId;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.SessionDescription;

/**
 * Announces over a pooled WebSocket (npm bittorrent-tracker 11's protocol): offers from the {@link
 * OfferFactory} go with each announce, forwarded offers and routed answers reach the listener.
 */
public final class WsSession extends TrackerSession {
  private volatile WsConnection connection;

  /** The socket opening the last announce went out on (see {@link WsConnection#openGeneration}). */
  private long announcedOn = -1;

  /** npm bittorrent-tracker's {@code tracker id}, sent back as {@code trackerid}. */
  private volatile String trackerId;

  public WsSession(URI tracker, ClientContext context) {
    super(tracker, context);
  }

  byte[] infoHashBytes() {
    return context.infoHash().toBytes();
  }

  @Override
  protected void opened() {
    Transports t = context.transports();
    while (true) {
      WsConnection c = t.webSocket(tracker, context.peerId());
      connection = c;
      WsConnection.Join joined = c.join(this);
      if (joined == WsConnection.Join.JOINED) {
        return;
      }
      if (joined == WsConnection.Join.DUPLICATE) {
        connection = null;
        context.events().warning(tracker, "another client of this pool announces this torrent");
        return;
      }
    }
  }

  @Override
  protected void send(AnnounceRequest request) {
    WsConnection c = connection;
    long generation = c == null ? -1 : c.openGeneration();
    if (generation < 0) {
      return; // not open: the session announces started when it opens
    }
    announcedOn = generation;
    OfferFactory factory = context.offerFactory();
    boolean withOffers =
        factory != null
            && context.maxOffers() > 0
            && request.numwant() > 0
            && request.event() != AnnounceEvent.STOPPED
            && request.event() != AnnounceEvent.COMPLETED;
    if (!withOffers) {
      transmit(request, List.of());
      return;
    }
    int count = Math.min(request.numwant(), context.maxOffers());
    context
        .events()
        .run(
            () -> {
              CompletableFuture<List<Offer>> offers;
              try {
                offers = factory.createOffers(count);
              } catch (RuntimeException e) {
                offers = CompletableFuture.failedFuture(e);
              }
              offers.whenComplete(
                  (list, error) -> {
                    if (error != null || list == null) {
                      warn("the offer factory failed; announcing without offers");
                      transmit(request, List.of());
                    } else {
                      transmit(request, list.subList(0, Math.min(count, list.size())));
                    }
                  });
            });
  }

  @Override
  protected CompletableFuture<Void> sendStopped(AnnounceRequest request) {
    transmit(request, List.of());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  protected void stopped() {
    leave();
  }

  @Override
  protected void closed() {
    leave();
  }

  @Override
  public void scrape() {
    WsConnection c = connection;
    if (c == null || !c.send(WsCodec.scrape(context.infoHash()))) {
      warn("scrape failed: not connected");
    }
  }

  /** Sends an answer to a forwarded offer. */
  public void answer(ReceivedOffer offer, SessionDescription answer) {
    AnnounceRequest r = context.request(AnnounceEvent.UPDATE);
    String message =
        WsCodec.answer(
            context.infoHash(),
            context.peerId(),
            offer.from(),
            offer.offerId(),
            answer,
            r.balanceId(),
            r.seederToken());
    WsConnection c = connection;
    if (c == null || !c.send(message)) {
      warn("answer not sent: not connected");
    }
  }

  /** The socket opened: announce started, unless this session just did on that opening. */
  synchronized void connected(long generation) {
    if (announcedOn != generation) {
      restart();
    }
  }

  void disconnected(String message) {
    reset();
    warn(message);
  }

  void warn(String message) {
    context.events().warning(tracker, message);
  }

  void scraped(JsonNode file) {
    context
        .events()
        .scrape(
            tracker,
            file.path("complete").asInt(0),
            file.path("incomplete").asInt(0),
            file.path("downloaded").asInt(0));
  }

  /** A message with our info hash. */
  void received(JsonNode m) {
    if (m.has("failure reason")) {
      failure(m);
      return;
    }
    if (m.path("warning message").isTextual()) {
      warn("tracker warning: " + Text.printable(m.path("warning message").asText()));
    }
    if (m.has("offer")) {
      offer(m);
    } else if (m.has("answer")) {
      answered(m);
    } else if (m.path("action").asText().equals("announce")) {
      JsonNode id = m.path("tracker id");
      if (id.isTextual() && !id.asText().isEmpty() && id.asText().length() <= 256) {
        trackerId = id.asText();
      }
      byte[] ticket = Text.hex(m.path("access_ticket").asText(null), 125);
      byte[] ticketKey = Text.hex(m.path("ticket_key").asText(null), 32);
      if (ticket != null && ticketKey != null) {
        context.events().accessTicket(tracker, ticket, ticketKey);
      }
      accepted(
          seconds(m.path("interval")),
          seconds(m.path("min interval")),
          m.path("complete").asInt(0),
          m.path("incomplete").asInt(0));
    }
  }

  private void failure(JsonNode m) {
    String reason = Text.printable(m.path("failure reason").asText(""));
    if (m.path("action").asText().equals("scrape")) {
      warn("scrape failed: " + reason);
    } else if (reason.equals("payment required") && m.has("license")) {
      try {
        paymentRequired(LicenseCodec.fromJson(m.path("license")));
      } catch (IllegalArgumentException e) {
        failed("payment required, but the licence is unreadable: " + e.getMessage(), false);
      }
    } else {
      failed("tracker failure: " + reason, false);
    }
  }

  private void offer(JsonNode m) {
    byte[] from = WsCodec.id(m.path("peer_id"));
    byte[] offerId = WsCodec.id(m.path("offer_id"));
    SessionDescription description;
    try {
      description = WsCodec.description(m.path("offer"));
    } catch (IllegalArgumentException e) {
      description = null;
    }
    if (from == null || offerId == null || description == null) {
      warn("unreadable offer from the tracker");
      return;
    }
    ReceivedOffer offer =
        new ReceivedOffer(
            tracker, context.infoHash(), PeerId.of(from), OfferId.of(offerId), description);
    context.events().offer(offer);
    OfferFactory factory = context.offerFactory();
    if (factory != null) {
      context
          .events()
          .run(
              () ->
                  factory
                      .answer(offer)
                      .whenComplete(
                          (answer, error) -> {
                            if (error != null) {
                              warn("the offer factory could not answer an offer");
                            } else if (answer != null && answer.isPresent()) {
                              answer(offer, answer.get());
                            }
                          }));
    }
  }

  private void answered(JsonNode m) {
    byte[] from = WsCodec.id(m.path("peer_id"));
    byte[] offerId = WsCodec.id(m.path("offer_id"));
    SessionDescription description;
    try {
      description = WsCodec.description(m.path("answer"));
    } catch (IllegalArgumentException e) {
      description = null;
    }
    if (from == null || offerId == null || description == null) {
      warn("unreadable answer from the tracker");
      return;
    }
    context
        .events()
        .answer(
            new ReceivedAnswer(
                tracker, context.infoHash(), PeerId.of(from), OfferId.of(offerId), description));
  }

  private void transmit(AnnounceRequest request, List<Offer> offers) {
    WsConnection c = connection;
    if (c != null) {
      // When the socket is not open the announce is dropped: connecting announces started anyway.
      c.send(WsCodec.announce(request, offers, trackerId));
    }
  }

  private void leave() {
    WsConnection c = connection;
    connection = null;
    if (c != null) {
      c.leave(this);
    }
  }

  private static Duration seconds(JsonNode n) {
    return n.isIntegralNumber() && n.asLong() >= 0 ? Duration.ofSeconds(n.asLong()) : null;
  }
}
