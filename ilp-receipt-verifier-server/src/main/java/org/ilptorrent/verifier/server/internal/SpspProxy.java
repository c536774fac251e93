package org.ilptorrent.verifier.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.server.VerifierStore;

/**
 * Forwards an SPSP query to a registered wallet with a fresh receipt nonce and secret, and records
 * the nonce when the wallet answers that it issues receipts.
 */
public final class SpspProxy {
  /** The largest SPSP answer relayed, in bytes. */
  public static final int MAX_RESPONSE = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final VerifierStore store;
  private final byte[] seed;
  private final Duration nonceTtl;
  private final Duration timeout;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SpspProxy(
      HttpClient http,
      VerifierStore store,
      byte[] seed,
      Duration nonceTtl,
      Duration timeout,
      Clock clock) {
    this.http = http;
    this.store = store;
    this.seed = seed;
    this.nonceTtl = nonceTtl;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** What to answer the client. */
  public record Answer(int status, String contentType, byte[] body) {}

  /**
   * Queries {@code spspUrl} on the client's behalf, with a nonce bound to {@code pointerHash}.
   *
   * @return the wallet's answer (200), 409 when it does not issue receipts, 502 when it fails
   */
  public Answer query(URI spspUrl, String pointerHash) throws IOException, InterruptedException {
    byte[] nonce = new byte[Receipt.NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] secret = Receipt.secret(seed, nonce);
    HttpRequest request =
        HttpRequest.newBuilder(spspUrl)
            .timeout(timeout)
            .header("Accept", "application/spsp4+json, application/spsp+json")
            .header("Receipt-Nonce", Base64.getEncoder().encodeToString(nonce))
            .header("Receipt-Secret", Base64.getEncoder().encodeToString(secret))
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      return new Answer(502, null, new byte[0]);
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_RESPONSE + 1);
    }
    if (response.statusCode() != 200 || body.length > MAX_RESPONSE) {
      return new Answer(502, null, new byte[0]);
    }
    if (!receiptsEnabled(body)) {
      return new Answer(409, null, new byte[0]);
    }
    store.addNonce(nonce, pointerHash, clock.instant().plus(nonceTtl));
    String type = response.headers().firstValue("Content-Type").orElse("application/spsp4+json");
    return new Answer(200, type, body);
  }

  private static boolean receiptsEnabled(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      return json != null && json.path("receipts_enabled").asBoolean(false);
    } catch (IOException e) {
      return false;
    }
  }
}
