package org.ilptorrent.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.internal.http.HttpFailures;
import org.ilptorrent.verifier.internal.http.SharedHttpClient;

/**
 * An HTTP client for a receipt verifier (this project's server or @coil/receipt-verifier): credit
 * receipts, spend balances, register payment pointers. Refusals come back as typed exceptions:
 * {@link InvalidReceiptException}, {@link InsufficientBalanceException}, {@link
 * UnknownBalanceException}, {@link IdempotencyKeyReusedException}, or {@link VerifierException} for
 * others. Thread-safe.
 */
public final class ReceiptVerifierClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.Set<String> RECEIPT_ERRORS =
      java.util.Set.of(
          InvalidReceiptException.MALFORMED,
          InvalidReceiptException.INVALID_VERSION,
          InvalidReceiptException.INVALID_HMAC,
          InvalidReceiptException.EXPIRED);

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;
  private final String registrationToken;

  private ReceiptVerifierClient(Builder b) {
    String text = b.base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.timeout = b.timeout;
    this.registrationToken = b.registrationToken;
    this.http = b.http != null ? b.http : SharedHttpClient.get();
  }

  /** A client of the verifier at {@code baseUrl} (the {@code verifier} of a licence). */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * Registers a wallet's pointer and returns the proxy pointer to publish in licences: SPSP queries
   * to it get receipt headers added and are forwarded to the wallet. See {@link #register} for the
   * management token.
   */
  public PaymentPointer registerPointer(PaymentPointer wallet) throws IOException {
    return register(wallet).proxyPointer();
  }

  /**
   * Registers a wallet pointer (with the builder's registration token, unless the verifier runs
   * with open registration). The management token, which deregisters the pointer, is present when
   * this call created the registration; a pointer registered before gets none.
   */
  public ProxyRegistration register(PaymentPointer wallet) throws IOException {
    String body = JSON.createObjectNode().put("paymentPointer", wallet.toString()).toString();
    HttpResponse<String> r =
        send(
            authorized(request("/proxy"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (r.statusCode() != 200) {
      throw refusal(r.statusCode(), r.body());
    }
    JsonNode json = JSON.readTree(r.body());
    String hash = json.path("proxy").asText("");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IOException("the verifier answered an unexpected registration");
    }
    JsonNode token = json.get("token");
    return new ProxyRegistration(
        hash,
        PaymentPointer.parse(base + "/spsp/" + hash),
        token != null && token.isTextual() ? Optional.of(token.asText()) : Optional.empty());
  }

  /**
   * Removes a registered pointer by its hash (the last path segment of its proxy pointer), with the
   * builder's registration token as the operator token.
   */
  public void deregisterPointer(String hash) throws IOException {
    deregister(authorized(request("/proxy/" + checkedHash(hash))));
  }

  /** Removes a registered pointer with the management token its registration answered. */
  public void deregisterPointer(String hash, String managementToken) throws IOException {
    Objects.requireNonNull(managementToken, "managementToken");
    deregister(
        request("/proxy/" + checkedHash(hash))
            .header("Authorization", "Bearer " + managementToken));
  }

  private void deregister(HttpRequest.Builder request) throws IOException {
    HttpResponse<String> r = send(request.DELETE().build());
    if (r.statusCode() != 204 && r.statusCode() != 200) {
      throw refusal(r.statusCode(), r.body());
    }
  }

  private static String checkedHash(String hash) {
    if (hash == null || !hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a proxy hash is 64 lowercase hex characters");
    }
    return hash;
  }

  /** Credits one receipt to a balance and returns the new balance. */
  public long creditReceipt(String balanceId, Receipt receipt) throws IOException {
    return join(creditReceiptAsync(balanceId, receipt));
  }

  /**
   * Spends from a balance without naming a pointer and returns the new balance. Only verifiers that
   * run with unbound spends (and @coil/receipt-verifier) take it; others answer 400 {@code payment
   * pointer required}.
   */
  public long spend(String balanceId, long amount) throws IOException {
    return join(spendAsync(balanceId, amount));
  }

  /**
   * Spends from the bucket of receipts paid to {@code pointer} (proxy hash or pointer text) and
   * returns that bucket's new balance.
   *
   * @param idempotencyKey null, or 1 to 128 characters of {@code A-Z a-z 0-9 . _ ~ -}: a repeat
   *     with the same key, amount and pointer answers the first spend's balance and debits nothing
   * @throws IdempotencyKeyReusedException when the key went with another amount or pointer
   */
  public long spend(String balanceId, long amount, String pointer, String idempotencyKey)
      throws IOException {
    return join(spendAsync(balanceId, amount, pointer, idempotencyKey));
  }

  /** {@link #creditReceipt} without blocking. */
  public CompletableFuture<Long> creditReceiptAsync(String balanceId, Receipt receipt) {
    return balanceCall(balanceId, ":creditReceipt", receipt.toBase64());
  }

  /** {@link #spend(String, long)} without blocking. */
  public CompletableFuture<Long> spendAsync(String balanceId, long amount) {
    return spendAsync(balanceId, amount, null, null);
  }

  /** {@link #spend(String, long, String, String)} without blocking. */
  public CompletableFuture<Long> spendAsync(
      String balanceId, long amount, String pointer, String idempotencyKey) {
    if (amount < 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("amount must be >= 0"));
    }
    if (pointer != null && (pointer.isBlank() || pointer.length() > PaymentPointer.MAX_LENGTH)) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("invalid payment pointer"));
    }
    if (idempotencyKey != null && !BalanceId.isValid(idempotencyKey)) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("invalid idempotency key"));
    }
    return balanceCall(
        balanceId,
        ":spend",
        Long.toString(amount),
        b -> {
          if (pointer != null) {
            b.header("Payment-Pointer", pointer);
          }
          if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
          }
        });
  }

  private CompletableFuture<Long> balanceCall(String balanceId, String action, String body) {
    return balanceCall(balanceId, action, body, b -> {});
  }

  private CompletableFuture<Long> balanceCall(
      String balanceId,
      String action,
      String body,
      java.util.function.Consumer<HttpRequest.Builder> headers) {
    if (!BalanceId.isValid(balanceId)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("invalid balance id"));
    }
    HttpRequest.Builder builder =
        request("/balances/" + balanceId + action)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.accept(builder);
    HttpRequest request = builder.build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .exceptionallyCompose(
            error -> {
              Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
              return CompletableFuture.failedFuture(
                  cause instanceof IOException io ? unreachable(io) : cause);
            })
        .thenApply(
            r -> {
              if (r.statusCode() == 200) {
                try {
                  return Long.parseLong(r.body().strip());
                } catch (NumberFormatException e) {
                  throw new VerifierException(502, "the verifier answered no balance");
                }
              }
              throw refusal(r.statusCode(), r.body());
            });
  }

  private static RuntimeException refusal(int status, String body) {
    String message = body == null ? "" : body.strip();
    if (message.length() > 200) {
      message = message.substring(0, 200);
    }
    return switch (status) {
      case 400, 413 ->
          status == 413 || RECEIPT_ERRORS.contains(message)
              ? new InvalidReceiptException(
                  status == 413 ? InvalidReceiptException.MALFORMED : message)
              : new VerifierException(status, message.isEmpty() ? "HTTP " + status : message);
      case 404 ->
          message.contains("balance does not exist")
              ? new UnknownBalanceException()
              : new VerifierException(404, "not found");
      case 409 ->
          message.contains("insufficient balance")
              ? new InsufficientBalanceException()
              : message.contains("idempotency key reused")
                  ? new IdempotencyKeyReusedException()
                  : new VerifierException(409, message);
      default -> new VerifierException(status, message.isEmpty() ? "HTTP " + status : message);
    };
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder b) {
    return registrationToken == null ? b : b.header("Authorization", "Bearer " + registrationToken);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * The JDK's HTTP client says only {@code ConnectException} (no message) for a refused connection:
   * an error that names the verifier's URL and what happened.
   */
  private IOException unreachable(IOException e) {
    return new IOException(
        "cannot reach the verifier at " + base + ": " + HttpFailures.describe(e), e);
  }

  private static long join(CompletableFuture<Long> future) throws IOException {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Settings of a {@link ReceiptVerifierClient}. */
  public static final class Builder {
    private final URI base;
    private Duration timeout = Duration.ofSeconds(10);
    private String registrationToken;
    private HttpClient http;

    Builder(URI base) {
      this.base = Objects.requireNonNull(base, "baseUrl");
    }

    /** The timeout of each request, connecting included; 10 s by default. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** The token a verifier with closed registration asks for. */
    public Builder registrationToken(String token) {
      this.registrationToken = token;
      return this;
    }

    /**
     * The JDK HTTP client to use; by default the process shares one (on Java 17 a client cannot be
     * closed, and each one made keeps a selector thread until it is garbage collected).
     */
    public Builder httpClient(HttpClient client) {
      this.http = client;
      return this;
    }

    /** The client. */
    public ReceiptVerifierClient build() {
      return new ReceiptVerifierClient(this);
    }
  }
}
