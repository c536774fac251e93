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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.magnet.InvalidPaymentPointerException;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.netty.server.AsyncHttpService;
import org.ilptorrent.netty.server.HttpRequest;
import org.ilptorrent.netty.server.HttpResponse;
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
 *
 * <p>Credits and spends run on the event loop that read them: checking a receipt and changing the
 * balance take microseconds, and the answer is written when {@link Balances} says the change is
 * durable (the journal's group commit), without a thread waiting meanwhile. The routes that block
 * (the registry, whose changes are forced before answering, and the SPSP proxy, which calls a
 * wallet) run on the worker executor.
 */
public final class VerifierHandler implements AsyncHttpService {
  private static final Logger LOG = LoggerFactory.getLogger(VerifierHandler.class);
  private static final String BALANCES = "/balances/";
  private static final int RECEIPT_BODY_LIMIT = 80;
  private static final int SPEND_BODY_LIMIT = 19;
  private static final int PROXY_BODY_LIMIT = 4096;
  private static final int POINTER_CACHE_SIZE = 1024;

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

  /** A route that may block: run on the worker executor. */
  private interface Blocking {
    HttpResponse answer() throws IOException, Exchanges.TooLarge, InterruptedException;
  }

  private final VerifierStore store;
  private final Balances balances;
  private final SpspProxy proxy;
  private final Settings settings;
  private final Executor executor;
  private final ReceiptCheck receipts;
  private final Object registering = new Object();
  // Payment-Pointer header -> proxy hash (empty: invalid); a pure function, so a bounded cache.
  private final Map<String, Optional<String>> pointerHashes = new ConcurrentHashMap<>();

  /**
   * A handler over {@code store}, whose credits and spends go through {@code balances}, and whose
   * blocking routes run on {@code executor}.
   */
  public VerifierHandler(
      VerifierStore store,
      Balances balances,
      SpspProxy proxy,
      Settings settings,
      Executor executor) {
    this.store = store;
    this.balances = balances;
    this.proxy = proxy;
    this.settings = settings;
    this.executor = executor;
    this.receipts = new ReceiptCheck(settings.seed());
  }

  @Override
  public CompletionStage<HttpResponse> handle(HttpRequest exchange) {
    try {
      return route(exchange);
    } catch (Exchanges.TooLarge e) {
      return done(Exchanges.text(413, "request entity too large"));
    } catch (RuntimeException e) {
      return done(refusal(e));
    }
  }

  private CompletionStage<HttpResponse> route(HttpRequest exchange) throws Exchanges.TooLarge {
    String method = exchange.method();
    String path = exchange.rawPath();
    if (method.equals("OPTIONS")) {
      return done(Exchanges.preflight(exchange));
    }
    // /balances/{id}:creditReceipt and /balances/{id}:spend, the id without '/' or ':'.
    if (method.equals("POST") && path.startsWith(BALANCES)) {
      int colon = path.indexOf(':', BALANCES.length());
      if (colon > BALANCES.length() && path.indexOf('/', BALANCES.length()) < 0) {
        String id = path.substring(BALANCES.length(), colon);
        String action = path.substring(colon + 1);
        if (action.equals("creditReceipt")) {
          return credit(exchange, id);
        } else if (action.equals("spend")) {
          return spend(exchange, id);
        }
      }
    }
    if (path.equals("/proxy") && method.equals("POST")) {
      return offload(() -> register(exchange));
    }
    if (path.startsWith("/proxy/") && method.equals("DELETE")) {
      return offload(() -> deregister(exchange, path.substring("/proxy/".length())));
    }
    if (method.equals("GET") && !path.isEmpty()) {
      String hash = path.startsWith("/spsp/") ? path.substring(6) : path.substring(1);
      if (isHash(hash)) {
        return offload(() -> spsp(exchange, hash));
      }
    }
    return done(Exchanges.text(404, "Not Found"));
  }

  private CompletionStage<HttpResponse> offload(Blocking route) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return route.answer();
          } catch (Exchanges.TooLarge e) {
            return Exchanges.text(413, "request entity too large");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exchanges.text(503, "service unavailable");
          } catch (StoreUnavailableException e) {
            return refusal(e);
          } catch (UncheckedIOException e) {
            if (e.getCause() instanceof StoreUnavailableException) {
              return refusal(e);
            }
            LOG.warn("request failed: {}", e.toString());
            return Exchanges.text(500, "internal error");
          } catch (IOException | RuntimeException e) {
            LOG.warn("request failed: {}", e.toString());
            return Exchanges.text(500, "internal error");
          }
        },
        executor);
  }

  private static CompletionStage<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  /**
   * The answer to a credit or spend that failed, at once or when its stage completed: the refusal's
   * fixed status and text, or 500 (logged) for anything else.
   */
  private static HttpResponse refusal(Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof StoreUnavailableException) {
      // The store (Redis) cannot answer now: a fixed text; the client may retry.
      LOG.warn("store unavailable: {}", e.getMessage());
      return Exchanges.text(503, StoreUnavailableException.ANSWER);
    } else if (e instanceof InvalidReceiptException) {
      return Exchanges.text(400, e.getMessage());
    } else if (e instanceof VerifierException v) {
      return Exchanges.text(v.status(), v.getMessage());
    } else if (e instanceof IllegalArgumentException) {
      return Exchanges.text(400, "invalid balance id");
    } else if (e instanceof RejectedExecutionException) {
      return Exchanges.text(503, "service unavailable");
    }
    LOG.warn("request failed: {}", e.toString());
    return Exchanges.text(500, "internal error");
  }

  private CompletionStage<HttpResponse> credit(HttpRequest exchange, String id)
      throws Exchanges.TooLarge {
    byte[] body = Exchanges.body(exchange, RECEIPT_BODY_LIMIT);
    Receipt receipt = Receipt.fromBase64(new String(body, StandardCharsets.US_ASCII));
    if (!receipts.verify(receipt)) {
      throw new InvalidReceiptException(InvalidReceiptException.INVALID_HMAC);
    }
    return balances
        .credit(checkedId(id), receipt, settings.clock().instant())
        .handle(
            (balance, error) -> {
              if (error != null) {
                return refusal(error);
              }
              LOG.debug("credited balance {}", Exchanges.redact(id));
              return Exchanges.text(200, Long.toString(balance));
            });
  }

  private CompletionStage<HttpResponse> spend(HttpRequest exchange, String id)
      throws Exchanges.TooLarge {
    String body =
        new String(Exchanges.body(exchange, SPEND_BODY_LIMIT), StandardCharsets.US_ASCII).strip();
    long amount;
    try {
      if (!isAmount(body)) {
        throw new NumberFormatException();
      }
      amount = Long.parseLong(body);
    } catch (NumberFormatException e) {
      return done(Exchanges.text(400, "invalid amount"));
    }
    String pointerHeader = exchange.header("Payment-Pointer");
    String hash;
    if (pointerHeader == null) {
      if (!settings.unboundSpends()) {
        return done(Exchanges.text(400, "payment pointer required"));
      }
      hash = null;
    } else {
      Optional<String> resolved = cachedPointerHash(pointerHeader.strip());
      if (resolved.isEmpty()) {
        return done(Exchanges.text(400, "invalid payment pointer"));
      }
      hash = resolved.get();
    }
    String key = exchange.header("Idempotency-Key");
    if (key != null && !BalanceId.isValid(key)) {
      return done(Exchanges.text(400, "invalid idempotency key"));
    }
    return balances
        .spend(checkedId(id), hash, amount, key, settings.clock().instant())
        .handle(
            (balance, error) -> {
              if (error != null) {
                return refusal(error);
              }
              LOG.debug("spent {} from balance {}", amount, Exchanges.redact(id));
              return Exchanges.text(200, Long.toString(balance));
            });
  }

  /**
   * 1 to 19 ASCII digits: what {@code [0-9]{1,19}} matches ({@link Long#parseLong} may overflow).
   */
  private static boolean isAmount(String text) {
    int n = text.length();
    if (n < 1 || n > 19) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** 64 lowercase hex characters. */
  static boolean isHash(String text) {
    return text.length() == 64 && isHex(text, 0);
  }

  private static boolean isHex(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private Optional<String> cachedPointerHash(String value) {
    Optional<String> hash = pointerHashes.get(value);
    if (hash == null) {
      hash = pointerHash(value);
      if (pointerHashes.size() >= POINTER_CACHE_SIZE) {
        pointerHashes.clear();
      }
      pointerHashes.put(value, hash);
    }
    return hash;
  }

  /**
   * The proxy hash a {@code Payment-Pointer} header names: the hash itself, the last path segment
   * of a proxy pointer's text, or else the registry key of the pointer.
   */
  static Optional<String> pointerHash(String value) {
    if (isHash(value)) {
      return Optional.of(value);
    }
    Optional<PaymentPointer> pointer = PaymentPointer.tryParse(value);
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    // What [^?#]*/([0-9a-f]{64}) matches: no '?' or '#', and a last segment that is a hash.
    int slash = value.length() - 65;
    if (slash >= 0
        && value.charAt(slash) == '/'
        && isHex(value, slash + 1)
        && value.indexOf('?') < 0
        && value.indexOf('#') < 0) {
      return Optional.of(value.substring(slash + 1));
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
    boolean valid = isHash(hash);
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
