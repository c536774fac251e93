package org.ilptorrent.verifier.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.magnet.InvalidPaymentPointerException;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.netty.server.HttpRequest;
import org.ilptorrent.netty.server.HttpResponse;
import org.ilptorrent.netty.server.HttpService;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.VerifierException;
import org.ilptorrent.verifier.server.StoreUnavailableException;
import org.ilptorrent.verifier.server.VerifierStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier's HTTP API. Status codes and bodies follow @coil/receipt-verifier 1.0.x and the ILP
 * Torrent fork's registry; every error body is a fixed string that names no URL, id or internal
 * detail.
 */
public final class VerifierHandler implements HttpService {
  private static final Logger LOG = LoggerFactory.getLogger(VerifierHandler.class);
  private static final Pattern BALANCE =
      Pattern.compile("/balances/([^/:]+):(creditReceipt|spend)");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern LAST_SEGMENT_HASH = Pattern.compile("[^?#]*/([0-9a-f]{64})");
  private static final int RECEIPT_BODY_LIMIT = 80;
  private static final int SPEND_BODY_LIMIT = 19;
  private static final int PROXY_BODY_LIMIT = 4096;

  /** The largest body any route takes: the HTTP layer refuses larger ones before routing. */
  public static final int MAX_BODY = PROXY_BODY_LIMIT;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How the handler behaves.
   *
   * @param operatorToken the token that may register and remove any pointer; null for none
   * @param openRegistration whether anyone may register, within {@code registrationQuota} per
   *     address and {@code maxRegistrations} in all
   * @param unboundSpends whether a spend without {@code Payment-Pointer} takes from all buckets
   * @param spspLimit SPSP queries per source address
   */
  public record Settings(
      byte[] seed,
      String operatorToken,
      boolean openRegistration,
      RateLimiter<InetAddress> registrationQuota,
      int maxRegistrations,
      boolean unboundSpends,
      RateLimiter<InetAddress> spspLimit,
      Clock clock) {}

  private final VerifierStore store;
  private final SpspProxy proxy;
  private final Settings settings;
  private final Object registering = new Object();

  public VerifierHandler(VerifierStore store, SpspProxy proxy, Settings settings) {
    this.store = store;
    this.proxy = proxy;
    this.settings = settings;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    try {
      return route(request);
    } catch (Exchanges.TooLarge e) {
      return Exchanges.text(413, "request entity too large");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Exchanges.text(503, "service unavailable");
    } catch (StoreUnavailableException e) {
      return storeUnavailable(e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof StoreUnavailableException u) {
        return storeUnavailable(u);
      }
      LOG.warn("request failed: {}", e.toString());
      return Exchanges.text(500, "internal error");
    } catch (RuntimeException | IOException e) {
      LOG.warn("request failed: {}", e.toString());
      return Exchanges.text(500, "internal error");
    }
  }

  /** The store (Redis) cannot answer: 503 with a fixed text; the client may retry. */
  private static HttpResponse storeUnavailable(StoreUnavailableException e) {
    LOG.warn("store unavailable: {}", e.getMessage());
    return Exchanges.text(503, StoreUnavailableException.ANSWER);
  }

  private HttpResponse route(HttpRequest exchange)
      throws IOException, Exchanges.TooLarge, InterruptedException {
    String method = exchange.method();
    String path = exchange.rawPath();
    if (method.equals("OPTIONS")) {
      return Exchanges.preflight(exchange);
    }
    Matcher balance = BALANCE.matcher(path);
    if (balance.matches() && method.equals("POST")) {
      String id = balance.group(1);
      if (balance.group(2).equals("creditReceipt")) {
        return credit(exchange, id);
      } else {
        return spend(exchange, id);
      }
    }
    if (path.equals("/proxy") && method.equals("POST")) {
      return register(exchange);
    }
    if (path.startsWith("/proxy/") && method.equals("DELETE")) {
      return deregister(exchange, path.substring("/proxy/".length()));
    }
    if (method.equals("GET") && !path.isEmpty()) {
      String hash = path.startsWith("/spsp/") ? path.substring(6) : path.substring(1);
      if (HASH.matcher(hash).matches()) {
        return spsp(exchange, hash);
      }
    }
    return Exchanges.text(404, "Not Found");
  }

  private HttpResponse credit(HttpRequest exchange, String id)
      throws IOException, Exchanges.TooLarge {
    byte[] body = Exchanges.body(exchange, RECEIPT_BODY_LIMIT);
    try {
      Receipt receipt = Receipt.fromBase64(new String(body, StandardCharsets.US_ASCII));
      if (!receipt.verify(Receipt.secret(settings.seed(), receipt.nonce()))) {
        throw new InvalidReceiptException(InvalidReceiptException.INVALID_HMAC);
      }
      long balance = store.creditReceipt(checkedId(id), receipt, settings.clock().instant());
      LOG.debug("credited balance {}", Exchanges.redact(id));
      return Exchanges.text(200, Long.toString(balance));
    } catch (InvalidReceiptException e) {
      return Exchanges.text(400, e.getMessage());
    } catch (VerifierException e) {
      return Exchanges.text(e.status(), e.getMessage());
    } catch (IllegalArgumentException e) {
      return Exchanges.text(400, "invalid balance id");
    }
  }

  private HttpResponse spend(HttpRequest exchange, String id)
      throws IOException, Exchanges.TooLarge {
    String body = new String(Exchanges.body(exchange, SPEND_BODY_LIMIT), StandardCharsets.US_ASCII);
    long amount;
    try {
      if (!body.strip().matches("[0-9]{1,19}")) {
        throw new NumberFormatException();
      }
      amount = Long.parseLong(body.strip());
    } catch (NumberFormatException e) {
      return Exchanges.text(400, "invalid amount");
    }
    String pointerHeader = exchange.header("Payment-Pointer");
    String hash;
    if (pointerHeader == null) {
      if (!settings.unboundSpends()) {
        return Exchanges.text(400, "payment pointer required");
      }
      hash = null;
    } else {
      Optional<String> resolved = pointerHash(pointerHeader.strip());
      if (resolved.isEmpty()) {
        return Exchanges.text(400, "invalid payment pointer");
      }
      hash = resolved.get();
    }
    String key = exchange.header("Idempotency-Key");
    if (key != null && !BalanceId.isValid(key)) {
      return Exchanges.text(400, "invalid idempotency key");
    }
    try {
      long balance = store.spend(checkedId(id), hash, amount, key, settings.clock().instant());
      LOG.debug("spent {} from balance {}", amount, Exchanges.redact(id));
      return Exchanges.text(200, Long.toString(balance));
    } catch (VerifierException e) {
      return Exchanges.text(e.status(), e.getMessage());
    } catch (IllegalArgumentException e) {
      return Exchanges.text(400, "invalid balance id");
    }
  }

  /**
   * The proxy hash a {@code Payment-Pointer} header names: the hash itself, the last path segment
   * of a proxy pointer's text, or else the registry key of the pointer.
   */
  static Optional<String> pointerHash(String value) {
    if (HASH.matcher(value).matches()) {
      return Optional.of(value);
    }
    Optional<PaymentPointer> pointer = PaymentPointer.tryParse(value);
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    Matcher last = LAST_SEGMENT_HASH.matcher(value);
    if (last.matches()) {
      return Optional.of(last.group(1));
    }
    return Optional.of(sha256Hex(pointer.get().toString()));
  }

  private HttpResponse register(HttpRequest exchange) throws IOException, Exchanges.TooLarge {
    boolean operator = isOperator(exchange);
    if (!operator && !settings.openRegistration()) {
      return Exchanges.text(401, "unauthorized");
    }
    byte[] body = Exchanges.body(exchange, PROXY_BODY_LIMIT);
    PaymentPointer pointer;
    try {
      JsonNode json = JSON.readTree(body);
      pointer =
          PaymentPointer.parse(json == null ? null : json.path("paymentPointer").asText(null));
    } catch (IOException | InvalidPaymentPointerException e) {
      return Exchanges.text(400, "invalid payment pointer");
    }
    String hash = sha256Hex(pointer.toString());
    ObjectNode answer = JSON.createObjectNode().put("proxy", hash);
    if (store.pointer(hash).isEmpty()) {
      String token = PrivateFiles.randomToken();
      boolean created;
      synchronized (registering) {
        if (!operator) {
          if (!settings.registrationQuota().tryAcquire(address(exchange))) {
            return Exchanges.text(429, "too many registrations");
          }
          if (store.pointerCount() >= settings.maxRegistrations()) {
            return Exchanges.text(507, "registry full");
          }
        }
        created = store.addPointer(hash, pointer.toString(), tokenDigest(token));
      }
      if (created) {
        answer.put("token", token);
      }
    }
    return Exchanges.send(200, "application/json", JSON.writeValueAsBytes(answer));
  }

  private HttpResponse deregister(HttpRequest exchange, String hash) throws IOException {
    boolean valid = HASH.matcher(hash).matches();
    boolean allowed = isOperator(exchange);
    if (!allowed && valid) {
      Optional<String> digest = store.managementTokenDigest(hash);
      String presented = bearer(exchange);
      allowed =
          digest.isPresent()
              && presented != null
              && MessageDigest.isEqual(
                  digest.get().getBytes(StandardCharsets.US_ASCII),
                  tokenDigest(presented).getBytes(StandardCharsets.US_ASCII));
    }
    if (!allowed) {
      return Exchanges.text(401, "unauthorized");
    }
    boolean removed = valid && store.removePointer(hash);
    return Exchanges.text(removed ? 204 : 404, removed ? null : "Not Found");
  }

  private HttpResponse spsp(HttpRequest exchange, String hash)
      throws IOException, InterruptedException {
    if (!settings.spspLimit().tryAcquire(address(exchange))) {
      return Exchanges.text(429, "too many requests");
    }
    String accept = exchange.header("Accept");
    Optional<String> pointer = store.pointer(hash);
    if (accept == null || !accept.contains("application/spsp4+json") || pointer.isEmpty()) {
      return Exchanges.text(404, "Not Found");
    }
    URI target = PaymentPointer.parse(pointer.get()).toUrl();
    SpspProxy.Answer answer = proxy.query(target, hash);
    return Exchanges.send(answer.status(), answer.contentType(), answer.body());
  }

  private static InetAddress address(HttpRequest exchange) {
    return exchange.remoteAddress().getAddress();
  }

  private static String bearer(HttpRequest exchange) {
    String header = exchange.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  private boolean isOperator(HttpRequest exchange) {
    String presented = bearer(exchange);
    return settings.operatorToken() != null
        && presented != null
        && MessageDigest.isEqual(
            settings.operatorToken().getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  /** What the store keeps of a management token: its SHA-256, never the token. */
  static String tokenDigest(String token) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(token));
  }

  private static String checkedId(String id) {
    return VerifierState.checkBalanceId(id);
  }

  /** The registry key of a pointer: SHA-256 of its text, in hex. */
  public static String sha256Hex(String pointer) {
    return HexFormat.of().formatHex(sha256(pointer));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
