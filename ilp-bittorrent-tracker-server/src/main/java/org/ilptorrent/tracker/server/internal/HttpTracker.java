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
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.netty.server.HttpRequest;
import org.ilptorrent.netty.server.HttpResponse;

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

  private static CompletableFuture<HttpResponse> done(BDictionary body) {
    return CompletableFuture.completedFuture(bencoded(body));
  }

  private static HttpResponse bencoded(BDictionary body) {
    return HttpResponse.of(200, "text/plain", Bencode.encode(body));
  }

  private CompletableFuture<BDictionary> announce(
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
    Announce a = new Announce(request, q, HexFormat.of().formatHex(infoHash), peerId, port, event);
    Optional<PaidSwarms.Registered> registration = paid.paid(a.hex());
    if (registration.isPresent()) {
      return gate(a, registration.get());
    }
    if (!q.containsKey("seeder_token")
        && !q.containsKey("requestId")
        && !q.containsKey("leecher_key")) {
      return CompletableFuture.completedFuture(enter(a, null));
    }
    // Paid-flow credentials for a torrent not known here as paid: it may be registered through
    // another instance and not learned yet, so never let it in as free before asking.
    return paid.lookUp(a.hex())
        .handle(
            (r, error) ->
                error != null
                    ? CompletableFuture.completedFuture(
                        failure(PaidSwarms.Admission.UNAVAILABLE_REASON))
                    : r.isPresent()
                        ? gate(a, r.get())
                        : CompletableFuture.completedFuture(enter(a, null)))
        .thenCompose(answer -> answer);
  }

  /** A checked announce: its request, query, info hash (hex), peer id, port and event. */
  private record Announce(
      HttpRequest request,
      Map<String, List<byte[]>> q,
      String hex,
      byte[] peerId,
      int port,
      String event) {}

  /** An announce of a paid torrent: entered when its credentials admit it. */
  private CompletableFuture<BDictionary> gate(Announce a, PaidSwarms.Registered registration) {
    return paid.admission(
            a.hex(),
            text(a.q(), "seeder_token", null),
            text(a.q(), "requestId", null),
            registration)
        .thenApply(
            admission ->
                admission.admitted()
                    ? enter(a, admission)
                    : admission.failure() != null
                        ? failure(admission.failure())
                        : paymentRequired(registration));
  }

  private BDictionary enter(Announce a, PaidSwarms.Admission admission) {
    Map<String, List<byte[]>> q = a.q();
    String hex = a.hex();
    String event = a.event();
    boolean seeding = text(q, "left", "").equals("0");
    int numwant = Math.max(0, number(q, "numwant", DEFAULT_NUMWANT));
    byte[] address = a.request().remoteAddress().getAddress().getAddress();
    String leecherKey = text(q, "leecher_key", null);
    if (leecherKey != null) {
      leecherKey = leecherKey.toLowerCase(Locale.ROOT);
    }
    WsProtocol.HttpAnswer answer =
        core.announceByAddress(
            hex,
            HexFormat.of().formatHex(a.peerId()),
            leecherKey,
            address,
            a.port(),
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
      byte[] peer = answer.addresses().get(i);
      ByteArrayOutputStream target = peer.length == 4 ? peers : peers6;
      target.writeBytes(peer);
      target.write(answer.ports().get(i) >> 8);
      target.write(answer.ports().get(i));
    }
    BDictionary.Builder r =
        BDictionary.builder()
            .put("interval", intervalSeconds)
            .put("complete", answer.complete())
            .put("incomplete", answer.incomplete())
            .put("peers", peers.toByteArray());
    if (peers6.size() > 0) {
      r.put("peers6", peers6.toByteArray());
    }
    if (admission != null && leecherKey != null && !event.equals("stopped")) {
      r.put("access ticket", paid.issueTicket(hex, leecherKey));
      r.put("ticket key", paid.ticketKeyHex());
    }
    return r.build();
  }

  private BDictionary scrape(Map<String, List<byte[]>> q) {
    BDictionary.Builder files = BDictionary.builder();
    for (byte[] infoHash : q.getOrDefault("info_hash", List.of())) {
      if (infoHash.length != 20) {
        return failure("invalid info_hash");
      }
      int[] c = core.counts(HexFormat.of().formatHex(infoHash));
      files.put(
          BString.of(infoHash),
          BDictionary.builder()
              .put("complete", c[0])
              .put("incomplete", c[1])
              .put("downloaded", c[2])
              .build());
    }
    return BDictionary.builder().put("files", files.build()).build();
  }

  private static BDictionary paymentRequired(PaidSwarms.Registered r) {
    return BDictionary.builder()
        .put("failure reason", "payment required")
        .put("license", r.license().toBencode())
        .build();
  }

  private static BDictionary failure(String reason) {
    return BDictionary.builder().put("failure reason", reason).build();
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
