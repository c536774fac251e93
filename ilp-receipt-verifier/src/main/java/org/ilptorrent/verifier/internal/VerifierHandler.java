package org.ilptorrent.verifier.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
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
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.VerifierException;
import org.ilptorrent.verifier.VerifierStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier's HTTP API. Status codes and bodies follow @coil/receipt-verifier 1.0.x and the ILP
 * Torrent fork's registry; every error body is a fixed string that names no URL, id or internal
 * detail.
 */
public final class VerifierHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(VerifierHandler.class);
  private static final Pattern BALANCE =
      Pattern.compile("/balances/([^/:]+):(creditReceipt|spend)");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern LAST_SEGMENT_HASH = Pattern.compile("[^?#]*/([0-9a-f]{64})");
  private static final int RECEIPT_BODY_LIMIT = 80;
  private static final int SPEND_BODY_LIMIT = 19;
  private static final int PROXY_BODY_LIMIT = 4096;
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
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (Exchanges.TooLarge e) {
      Exchanges.text(exchange, 413, "request entity too large");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Exchanges.text(exchange, 503, "service unavailable");
    } catch (RuntimeException | IOException e) {
      LOG.warn("request failed: {}", e.toString());
      Exchanges.text(exchange, 500, "internal error");
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange)
      throws IOException, Exchanges.TooLarge, InterruptedException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    if (method.equals("OPTIONS")) {
      Exchanges.preflight(exchange);
      return;
    }
    Matcher balance = BALANCE.matcher(path);
    if (balance.matches() && method.equals("POST")) {
      String id = balance.group(1);
      if (balance.group(2).equals("creditReceipt")) {
        credit(exchange, id);
      } else {
        spend(exchange, id);
      }
      return;
    }
    if (path.equals("/proxy") && method.equals("POST")) {
      register(exchange);
      return;
    }
    if (path.startsWith("/proxy/") && method.equals("DELETE")) {
      deregister(exchange, path.substring("/proxy/".length()));
      return;
    }
    if (method.equals("GET")) {
      String hash = path.startsWith("/spsp/") ? path.substring(6) : path.substring(1);
      if (HASH.matcher(hash).matches()) {
        spsp(exchange, hash);
        return;
      }
    }
    Exchanges.text(exchange, 404, "Not Found");
  }

  private void credit(HttpExchange exchange, String id) throws IOException, Exchanges.TooLarge {
    byte[] body = Exchanges.body(exchange, RECEIPT_BODY_LIMIT);
    try {
      Receipt receipt = Receipt.fromBase64(new String(body, StandardCharsets.US_ASCII));
      if (!receipt.verify(Receipt.secret(settings.seed(), receipt.nonce()))) {
        throw new InvalidReceiptException(InvalidReceiptException.INVALID_HMAC);
      }
      long balance = store.creditReceipt(checkedId(id), receipt, settings.clock().instant());
      LOG.debug("credited balance {}", Exchanges.redact(id));
      Exchanges.text(exchange, 200, Long.toString(balance));
    } catch (InvalidReceiptException e) {
      Exchanges.text(exchange, 400, e.getMessage());
    } catch (VerifierException e) {
      Exchanges.text(exchange, e.status(), e.getMessage());
    } catch (IllegalArgumentException e) {
      Exchanges.text(exchange, 400, "invalid balance id");
    }
  }

  private void spend(HttpExchange exchange, String id) throws IOException, Exchanges.TooLarge {
    String body = new String(Exchanges.body(exchange, SPEND_BODY_LIMIT), StandardCharsets.US_ASCII);
    long amount;
    try {
      if (!body.strip().matches("[0-9]{1,19}")) {
        throw new NumberFormatException();
      }
      amount = Long.parseLong(body.strip());
    } catch (NumberFormatException e) {
      Exchanges.text(exchange, 400, "invalid amount");
      return;
    }
    String pointerHeader = exchange.getRequestHeaders().getFirst("Payment-Pointer");
    String hash;
    if (pointerHeader == null) {
      if (!settings.unboundSpends()) {
        Exchanges.text(exchange, 400, "payment pointer required");
        return;
      }
      hash = null;
    } else {
      Optional<String> resolved = pointerHash(pointerHeader.strip());
      if (resolved.isEmpty()) {
        Exchanges.text(exchange, 400, "invalid payment pointer");
        return;
      }
      hash = resolved.get();
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key != null && !BalanceId.isValid(key)) {
      Exchanges.text(exchange, 400, "invalid idempotency key");
      return;
    }
    try {
      long balance = store.spend(checkedId(id), hash, amount, key, settings.clock().instant());
      LOG.debug("spent {} from balance {}", amount, Exchanges.redact(id));
      Exchanges.text(exchange, 200, Long.toString(balance));
    } catch (VerifierException e) {
      Exchanges.text(exchange, e.status(), e.getMessage());
    } catch (IllegalArgumentException e) {
      Exchanges.text(exchange, 400, "invalid balance id");
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

  private void register(HttpExchange exchange) throws IOException, Exchanges.TooLarge {
    boolean operator = isOperator(exchange);
    if (!operator && !settings.openRegistration()) {
      Exchanges.text(exchange, 401, "unauthorized");
      return;
    }
    byte[] body = Exchanges.body(exchange, PROXY_BODY_LIMIT);
    PaymentPointer pointer;
    try {
      JsonNode json = JSON.readTree(body);
      pointer =
          PaymentPointer.parse(json == null ? null : json.path("paymentPointer").asText(null));
    } catch (IOException | InvalidPaymentPointerException e) {
      Exchanges.text(exchange, 400, "invalid payment pointer");
      return;
    }
    String hash = sha256Hex(pointer.toString());
    ObjectNode answer = JSON.createObjectNode().put("proxy", hash);
    if (store.pointer(hash).isEmpty()) {
      String token = PrivateFiles.randomToken();
      boolean created;
      synchronized (registering) {
        if (!operator) {
          if (!settings.registrationQuota().tryAcquire(address(exchange))) {
            Exchanges.text(exchange, 429, "too many registrations");
            return;
          }
          if (store.pointerCount() >= settings.maxRegistrations()) {
            Exchanges.text(exchange, 507, "registry full");
            return;
          }
        }
        created = store.addPointer(hash, pointer.toString(), tokenDigest(token));
      }
      if (created) {
        answer.put("token", token);
      }
    }
    Exchanges.send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
  }

  private void deregister(HttpExchange exchange, String hash) throws IOException {
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
      Exchanges.text(exchange, 401, "unauthorized");
      return;
    }
    boolean removed = valid && store.removePointer(hash);
    Exchanges.text(exchange, removed ? 204 : 404, removed ? null : "Not Found");
  }

  private void spsp(HttpExchange exchange, String hash) throws IOException, InterruptedException {
    if (!settings.spspLimit().tryAcquire(address(exchange))) {
      Exchanges.text(exchange, 429, "too many requests");
      return;
    }
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    Optional<String> pointer = store.pointer(hash);
    if (accept == null || !accept.contains("application/spsp4+json") || pointer.isEmpty()) {
      Exchanges.text(exchange, 404, "Not Found");
      return;
    }
    URI target = PaymentPointer.parse(pointer.get()).toUrl();
    SpspProxy.Answer answer = proxy.query(target, hash);
    Exchanges.send(exchange, answer.status(), answer.contentType(), answer.body());
  }

  private static InetAddress address(HttpExchange exchange) {
    return exchange.getRemoteAddress().getAddress();
  }

  private static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  private boolean isOperator(HttpExchange exchange) {
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
