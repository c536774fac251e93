package org.ilptorrent.tracker.server.internal;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.tracker.server.PaidTorrentException;
import org.ilptorrent.tracker.server.internal.net.Handlers;
import org.ilptorrent.tracker.server.internal.net.HttpRequest;
import org.ilptorrent.tracker.server.internal.net.HttpResponse;

/**
 * The tracker's HTTP routes: {@code GET /announce} and {@code GET /scrape} (BEP 3/48), {@code GET
 * /stats} (JSON), and {@code POST /torrents} registering a paid torrent from its .torrent bytes.
 */
public final class TrackerRoutes implements Handlers.Http {
  private final HttpTracker tracker;
  private final PaidSwarms paid;
  private final Supplier<String> statsJson;
  private final String registrationToken;
  private final long maxTorrentBytes;

  /**
   * The routes; {@code registrationToken} (nullable) is then required as {@code Authorization:
   * Bearer} on {@code POST /torrents}.
   */
  public TrackerRoutes(
      HttpTracker tracker,
      PaidSwarms paid,
      Supplier<String> statsJson,
      String registrationToken,
      long maxTorrentBytes) {
    this.tracker = tracker;
    this.paid = paid;
    this.statsJson = statsJson;
    this.registrationToken = registrationToken;
    this.maxTorrentBytes = maxTorrentBytes;
  }

  @Override
  public long maxBody(HttpRequest head) {
    return head.method().equals("POST") && head.rawPath().equals("/torrents") ? maxTorrentBytes : 0;
  }

  @Override
  public CompletableFuture<HttpResponse> handle(HttpRequest request) {
    String path = request.rawPath();
    String method = request.method();
    switch (path) {
      case "/announce", "/scrape" -> {
        return method.equals("GET") ? tracker.handle(request) : notAllowed("GET");
      }
      case "/stats", "/stats.json" -> {
        return method.equals("GET")
            ? done(HttpResponse.json(200, statsJson.get()))
            : notAllowed("GET");
      }
      case "/torrents" -> {
        return method.equals("POST") ? done(register(request)) : notAllowed("POST");
      }
      default -> {
        return done(HttpResponse.text(404, "not found"));
      }
    }
  }

  private HttpResponse register(HttpRequest request) {
    if (registrationToken != null && !authorized(request)) {
      return HttpResponse.text(401, "unauthorized").withHeader("WWW-Authenticate", "Bearer");
    }
    if (request.body().length == 0) {
      return HttpResponse.text(400, "send the .torrent file as the body");
    }
    try {
      PaidSwarms.Registration r = paid.register(request.body());
      if (!r.created()) {
        return HttpResponse.text(409, "already registered");
      }
      return HttpResponse.json(
          201,
          "{\"infoHash\":\""
              + r.infoHashHex()
              + "\",\"seederToken\":\""
              + r.registered().seederToken()
              + "\"}");
    } catch (PaidTorrentException e) {
      int status = e.reason() == PaidTorrentException.Reason.VERIFIER_NOT_ALLOWED ? 403 : 422;
      return HttpResponse.text(status, e.getMessage());
    } catch (InvalidTorrentException e) {
      return HttpResponse.text(400, "invalid torrent: " + e.getMessage());
    } catch (UncheckedIOException e) {
      return HttpResponse.text(503, "cannot store the torrent");
    }
  }

  private boolean authorized(HttpRequest request) {
    String given = request.header("authorization").orElse("");
    byte[] expected = ("Bearer " + registrationToken).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
  }

  private static CompletableFuture<HttpResponse> notAllowed(String allowed) {
    return done(HttpResponse.text(405, "method not allowed").withHeader("Allow", allowed));
  }

  private static CompletableFuture<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
