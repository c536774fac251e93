package org.ilptorrent.tracker.client.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Announces and scrapes over HTTP(S): one GET each, the answer bounded in size and time. */
public final class HttpSession extends TrackerSession {
  /** BEP 3: kept from the last answer that had one, and sent back. */
  private volatile String trackerId;

  public HttpSession(URI tracker, ClientContext context) {
    super(tracker, context);
  }

  @Override
  protected void send(AnnounceRequest request) {
    int max = context.transports().settings().maxResponseBytes();
    get(HttpCodec.announceUri(tracker, request, trackerId))
        .whenComplete(
            (body, error) -> {
              if (error != null) {
                failed("unreachable: " + describe(error), true);
                return;
              }
              AnnounceReply reply = HttpCodec.parseAnnounce(body, max);
              if (reply instanceof AnnounceReply.Accepted a) {
                if (a.warning() != null) {
                  context.events().warning(tracker, a.warning());
                }
                if (a.trackerId() != null) {
                  trackerId = a.trackerId();
                }
                if (a.accessTicket() != null && a.ticketKey() != null) {
                  context.events().accessTicket(tracker, a.accessTicket(), a.ticketKey());
                }
                accepted(a.interval(), a.minInterval(), a.complete(), a.incomplete());
                a.peers().forEach(p -> context.events().peer(p, tracker));
              } else if (reply instanceof AnnounceReply.PaymentRequired p) {
                paymentRequired(p.license());
              } else if (reply instanceof AnnounceReply.Failure f) {
                failed(f.message(), false);
              }
            });
  }

  @Override
  protected CompletableFuture<Void> sendStopped(AnnounceRequest request) {
    return get(HttpCodec.announceUri(tracker, request, trackerId)).thenApply(body -> null);
  }

  @Override
  public void scrape() {
    byte[] hash = context.infoHash().toBytes();
    Optional<URI> uri = HttpCodec.scrapeUri(tracker, hash);
    if (uri.isEmpty()) {
      context.events().warning(tracker, "this tracker has no scrape URL (BEP 48)");
      return;
    }
    int max = context.transports().settings().maxResponseBytes();
    get(uri.get())
        .whenComplete(
            (body, error) -> {
              if (error != null) {
                context.events().warning(tracker, "scrape unreachable: " + describe(error));
                return;
              }
              try {
                ScrapeCounts c = HttpCodec.parseScrape(body, max, hash);
                context.events().scrape(tracker, c.complete(), c.incomplete(), c.downloaded());
              } catch (IllegalArgumentException e) {
                context.events().warning(tracker, "scrape failed: " + e.getMessage());
              }
            });
  }

  private CompletableFuture<byte[]> get(URI uri) {
    Transports t = context.transports();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(t.settings().requestTimeout())
            .header("User-Agent", "ilp-torrent")
            .GET()
            .build();
    return t.http()
        .sendAsync(request, BoundedBody.handler(t.settings().maxResponseBytes()))
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw new CompletionException(
                    new java.io.IOException("HTTP status " + response.statusCode()));
              }
              return response.body();
            });
  }

  private static String describe(Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return Text.describe(e);
  }
}
