package org.ilptorrent.tracker.server.internal;

import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.ilptorrent.netty.server.AsyncHttpService;
import org.ilptorrent.netty.server.HeadFilter;
import org.ilptorrent.netty.server.HttpRequest;
import org.ilptorrent.netty.server.HttpResponse;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.tracker.server.PaidTorrentException;

/**
 * The tracker's HTTP routes: {@code GET /announce} and {@code GET /scrape} (BEP 3/48), {@code GET
 * /stats} (JSON), and {@code POST /torrents} registering a paid torrent from its .torrent bytes.
 *
 * <p>Registration needs {@code Authorization: Bearer <operator token>}, unless it is open: then
 * anyone may register, within a quota per source address (an IPv6 source counts by its /64) per
 * hour and a budget of stored torrent bytes for everyone together; the operator token, when there
 * is one, still passes both.
 */
public final class TrackerRoutes implements AsyncHttpService, HeadFilter {
  private static final long HOUR_MILLIS = 3_600_000;

  /** Open registration's bounds: registrations per address per hour, stored .torrent bytes. */
  public record OpenRegistration(int perAddressPerHour, long maxStoredBytes) {}

  private final HttpTracker tracker;
  private final PaidSwarms paid;
  private final Supplier<String> statsJson;
  private final String registrationToken;
  private final OpenRegistration open;
  private final long maxTorrentBytes;
  private final Clock clock;
  private final Executor registrar;
  private final Map<String, Deque<Long>> registrations = new HashMap<>();

  /**
   * The routes; {@code registrationToken} (null only with open registration) is required as {@code
   * Authorization: Bearer} on {@code POST /torrents} unless {@code open} is not null.
   */
  public TrackerRoutes(
      HttpTracker tracker,
      PaidSwarms paid,
      Supplier<String> statsJson,
      String registrationToken,
      OpenRegistration open,
      long maxTorrentBytes,
      Clock clock,
      Executor registrar) {
    if (registrationToken == null && open == null) {
      throw new IllegalArgumentException("registration needs a token unless it is open");
    }
    this.tracker = tracker;
    this.paid = paid;
    this.statsJson = statsJson;
    this.registrationToken = registrationToken;
    this.open = open;
    this.maxTorrentBytes = maxTorrentBytes;
    this.clock = clock;
    this.registrar = registrar;
  }

  /** The largest body a request may carry: a .torrent on {@code POST /torrents}, else none. */
  private long maxBody(HttpRequest head) {
    return head.method().equals("POST") && head.rawPath().equals("/torrents") ? maxTorrentBytes : 0;
  }

  /**
   * Refuses, before any body is read: a request target that is not a plain origin-form path (400),
   * a transfer coding (411: registrations send a length), a body longer than its route takes (413).
   */
  @Override
  public HttpResponse check(HttpRequest head) {
    String target = head.uri();
    if (!target.startsWith("/")) {
      return HttpResponse.text(400, "malformed request target");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return HttpResponse.text(400, "malformed request target");
      }
    }
    if (head.header("transfer-encoding") != null) {
      return HttpResponse.text(411, "send a Content-Length");
    }
    String length = head.header("content-length");
    if (length == null) {
      return null;
    }
    try {
      // The decoder has already refused malformed and conflicting lengths.
      if (Long.parseLong(length.trim()) > maxBody(head)) {
        return HttpResponse.text(413, "request body too large");
      }
    } catch (NumberFormatException e) {
      return HttpResponse.text(400, "malformed Content-Length");
    }
    return null;
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
        return method.equals("GET") ? done(json(200, statsJson.get())) : notAllowed("GET");
      }
      case "/torrents" -> {
        // Registering writes and forces files: off the event loops.
        return method.equals("POST")
            ? CompletableFuture.supplyAsync(() -> register(request), registrar)
            : notAllowed("POST");
      }
      default -> {
        return done(HttpResponse.text(404, "not found"));
      }
    }
  }

  private HttpResponse register(HttpRequest request) {
    boolean operator = registrationToken != null && authorized(request);
    if (!operator && open == null) {
      return HttpResponse.text(401, "unauthorized").withHeader("WWW-Authenticate", "Bearer");
    }
    if (request.body().length == 0) {
      return HttpResponse.text(400, "send the .torrent file as the body");
    }
    try {
      PaidSwarms.Registration r =
          operator ? paid.register(request.body()) : registerOpenly(request);
      if (r == null) {
        return HttpResponse.text(429, "too many registrations");
      }
      if (!r.created()) {
        return HttpResponse.text(409, "already registered");
      }
      return json(
          201,
          "{\"infoHash\":\""
              + r.infoHashHex()
              + "\",\"seederToken\":\""
              + r.seederToken()
              + "\",\"ticketKey\":\""
              + paid.ticketKeyHex()
              + "\"}");
    } catch (PaidTorrentException e) {
      int status = e.reason() == PaidTorrentException.Reason.VERIFIER_NOT_ALLOWED ? 403 : 422;
      return HttpResponse.text(status, e.getMessage());
    } catch (PaidSwarms.RegistryFullException e) {
      return HttpResponse.text(507, "registry full");
    } catch (InvalidTorrentException e) {
      return HttpResponse.text(400, "invalid torrent: " + e.getMessage());
    } catch (UncheckedIOException e) {
      return HttpResponse.text(503, "cannot store the torrent");
    }
  }

  /** A registration without the operator token; null when the address used up its quota. */
  private synchronized PaidSwarms.Registration registerOpenly(HttpRequest request) {
    long now = clock.millis();
    registrations.values().forEach(times -> expire(times, now));
    registrations.values().removeIf(Deque::isEmpty);
    String source = source(request.remoteAddress().getAddress());
    Deque<Long> times = registrations.getOrDefault(source, new ArrayDeque<>());
    if (times.size() >= open.perAddressPerHour()) {
      return null;
    }
    PaidSwarms.Registration r = paid.register(request.body(), open.maxStoredBytes());
    if (r.created()) {
      times.addLast(now);
      registrations.put(source, times);
    }
    return r;
  }

  private static void expire(Deque<Long> times, long now) {
    while (!times.isEmpty() && times.peekFirst() <= now - HOUR_MILLIS) {
      times.removeFirst();
    }
  }

  /** The quota's unit: an IPv4 address, or the /64 of an IPv6 one (what one host usually gets). */
  private static String source(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      bytes = Arrays.copyOf(bytes, 8);
    }
    return java.util.HexFormat.of().formatHex(bytes);
  }

  private boolean authorized(HttpRequest request) {
    String given = request.header("authorization");
    if (given == null) {
      given = "";
    }
    byte[] expected = ("Bearer " + registrationToken).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
  }

  private static HttpResponse json(int status, String json) {
    return HttpResponse.of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static CompletableFuture<HttpResponse> notAllowed(String allowed) {
    return done(HttpResponse.text(405, "method not allowed").withHeader("Allow", allowed));
  }

  private static CompletableFuture<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
