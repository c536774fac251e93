package org.ilptorrent.tracker.server.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ilptorrent.tracker.server.internal.net.HttpRequest;
import org.ilptorrent.tracker.server.internal.net.HttpResponse;

/**
 * The HTTP tracker (BEP 3): {@code GET /announce} with compact peer lists (BEP 23, {@code peers6}
 * per BEP 7) and {@code GET /scrape} (BEP 48). Answers are bencoded; failures are {@code failure
 * reason} dictionaries with status 200, as clients expect. Paid swarms take {@code requestId}
 * (spent before the peer enters) or {@code seeder_token} as query parameters, and an admitted
 * announce that names its {@code leecher_key} gets an {@code access ticket} and the {@code ticket
 * key} that signed it (both hex).
 */
public final class HttpTracker {
  private static final int MAX_QUERY = 8192;
  private static final int DEFAULT_NUMWANT = 50;

  private final WsProtocol core;
  private final PaidSwarms paid;
  private final int intervalSeconds;

  public HttpTracker(WsProtocol core, PaidSwarms paid, int intervalSeconds) {
    this.core = core;
    this.paid = paid;
    this.intervalSeconds = intervalSeconds;
  }

  /** Answers {@code GET /announce} and {@code GET /scrape}; other paths are not its own. */
  public CompletableFuture<HttpResponse> handle(HttpRequest request) {
    String query = request.rawQuery();
    if (query != null && query.length() > MAX_QUERY) {
      return done(failure("request too large"));
    }
    Map<String, List<byte[]>> params = parse(query == null ? "" : query);
    if (params == null) {
      return done(failure("invalid query"));
    }
    if (request.rawPath().equals("/scrape")) {
      return done(scrape(params));
    }
    return announce(request, params).thenApply(HttpTracker::bencoded);
  }

  private static CompletableFuture<HttpResponse> done(Map<String, Object> body) {
    return CompletableFuture.completedFuture(bencoded(body));
  }

  private static HttpResponse bencoded(Map<String, Object> body) {
    return HttpResponse.of(200, "text/plain", Bencoder.encode(body));
  }

  private CompletableFuture<Map<String, Object>> announce(
      HttpRequest request, Map<String, List<byte[]>> q) {
    byte[] infoHash = one(q, "info_hash");
    byte[] peerId = one(q, "peer_id");
    if (infoHash == null || infoHash.length != 20) {
      return CompletableFuture.completedFuture(failure("invalid info_hash"));
    }
    if (peerId == null || peerId.length != 20) {
      return CompletableFuture.completedFuture(failure("invalid peer_id"));
    }
    int port = number(q, "port", -1);
    if (port < 1 || port > 65535) {
      return CompletableFuture.completedFuture(failure("invalid port"));
    }
    String event = text(q, "event", "update");
    if (event.isEmpty() || event.equals("empty")) {
      event = "update";
    }
    if (!List.of("started", "stopped", "completed", "update", "paused").contains(event)) {
      return CompletableFuture.completedFuture(failure("invalid event"));
    }
    String leecherKey = text(q, "leecher_key", null);
    if (leecherKey != null && !PaidSwarms.isValidLeecherKey(leecherKey)) {
      return CompletableFuture.completedFuture(failure("invalid leecher_key"));
    }
    String hex = HexFormat.of().formatHex(infoHash);
    Optional<PaidSwarms.Registered> registration = paid.paid(hex);
    if (registration.isEmpty()) {
      return CompletableFuture.completedFuture(enter(request, q, hex, peerId, port, event, null));
    }
    String finalEvent = event;
    return admitted(hex, q, registration.get())
        .thenApply(
            a ->
                a.admitted()
                    ? enter(request, q, hex, peerId, port, finalEvent, a)
                    : paymentRequired(registration.get()));
  }

  private Map<String, Object> enter(
      HttpRequest request,
      Map<String, List<byte[]>> q,
      String hex,
      byte[] peerId,
      int port,
      String event,
      PaidSwarms.Admission admission) {
    boolean seeding = text(q, "left", "").equals("0");
    int numwant = Math.max(0, number(q, "numwant", DEFAULT_NUMWANT));
    byte[] address = request.remote().getAddress().getAddress();
    String leecherKey = text(q, "leecher_key", null);
    if (leecherKey != null) {
      leecherKey = leecherKey.toLowerCase(Locale.ROOT);
    }
    WsProtocol.HttpAnswer answer =
        core.announceByAddress(
            hex,
            HexFormat.of().formatHex(peerId),
            leecherKey,
            address,
            port,
            event,
            seeding,
            numwant,
            admission);
    if (answer.failure() != null) {
      return paid.paid(hex)
          .filter(r -> answer.failure().equals("payment required"))
          .map(HttpTracker::paymentRequired)
          .orElseGet(() -> failure(answer.failure()));
    }
    ByteArrayOutputStream peers = new ByteArrayOutputStream();
    ByteArrayOutputStream peers6 = new ByteArrayOutputStream();
    for (int i = 0; i < answer.addresses().size(); i++) {
      byte[] a = answer.addresses().get(i);
      ByteArrayOutputStream target = a.length == 4 ? peers : peers6;
      target.writeBytes(a);
      target.write(answer.ports().get(i) >> 8);
      target.write(answer.ports().get(i));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("interval", intervalSeconds);
    r.put("complete", answer.complete());
    r.put("incomplete", answer.incomplete());
    r.put("peers", peers.toByteArray());
    if (peers6.size() > 0) {
      r.put("peers6", peers6.toByteArray());
    }
    if (admission != null && leecherKey != null && !event.equals("stopped")) {
      r.put("access ticket", paid.issueTicket(hex, leecherKey));
      r.put("ticket key", paid.ticketKeyHex());
    }
    return r;
  }

  private CompletableFuture<PaidSwarms.Admission> admitted(
      String hex, Map<String, List<byte[]>> q, PaidSwarms.Registered r) {
    return paid.admission(hex, text(q, "seeder_token", null), text(q, "requestId", null), r);
  }

  private Map<String, Object> scrape(Map<String, List<byte[]>> q) {
    Map<Object, Object> files = new LinkedHashMap<>();
    for (byte[] infoHash : q.getOrDefault("info_hash", List.of())) {
      if (infoHash.length != 20) {
        return failure("invalid info_hash");
      }
      int[] c = core.counts(HexFormat.of().formatHex(infoHash));
      files.put(infoHash, Map.of("complete", c[0], "incomplete", c[1], "downloaded", c[2]));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("files", files);
    return r;
  }

  private static Map<String, Object> paymentRequired(PaidSwarms.Registered r) {
    Map<String, Object> failure = failure("payment required");
    failure.put("license", r.licenseFields());
    return failure;
  }

  private static Map<String, Object> failure(String reason) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("failure reason", reason);
    return f;
  }

  /** Percent-decodes a query into raw bytes per key; {@code null} for a malformed escape. */
  static Map<String, List<byte[]>> parse(String query) {
    Map<String, List<byte[]>> out = new LinkedHashMap<>();
    for (String part : query.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      byte[] key = decode(eq < 0 ? part : part.substring(0, eq));
      byte[] value = decode(eq < 0 ? "" : part.substring(eq + 1));
      if (key == null || value == null) {
        return null;
      }
      out.computeIfAbsent(
              new String(key, java.nio.charset.StandardCharsets.ISO_8859_1), k -> new ArrayList<>())
          .add(value);
    }
    return out;
  }

  private static byte[] decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        return null;
      }
    }
    return out.toByteArray();
  }

  private static byte[] one(Map<String, List<byte[]>> q, String key) {
    List<byte[]> v = q.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String text(Map<String, List<byte[]>> q, String key, String fallback) {
    byte[] v = one(q, key);
    return v == null ? fallback : new String(v, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static int number(Map<String, List<byte[]>> q, String key, int fallback) {
    String v = text(q, key, null);
    if (v == null || !v.matches("[0-9]{1,9}")) {
      return v == null ? fallback : -1;
    }
    return Integer.parseInt(v);
  }
}
