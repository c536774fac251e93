package org.ilptorrent.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.internal.http.HttpFailures;

/** SPSP (RFC 9): asks a payment pointer where and with which secret to send a STREAM payment. */
public final class Spsp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Spsp() {}

  /**
   * An SPSP answer.
   *
   * @param destinationAccount the ILP address to pay
   * @param sharedSecret the connection's 32-byte shared secret
   * @param receiptsEnabled whether the receiver will send STREAM receipts
   */
  public record Details(String destinationAccount, byte[] sharedSecret, boolean receiptsEnabled) {
    /** Copies the secret. */
    public Details {
      sharedSecret = sharedSecret.clone();
    }

    @Override
    public byte[] sharedSecret() {
      return sharedSecret.clone();
    }
  }

  /**
   * Asks a payment pointer for its wallet's asset without paying: a GET with {@code Accept:
   * application/json}, read as an Open Payments wallet address ({@code assetCode}, {@code
   * assetScale}). Empty when the wallet answers something else (many SPSP-only wallets do); then
   * the asset shows only in a STREAM connection ({@link StreamSender#receiverAsset}).
   *
   * @throws IOException when it cannot be reached
   */
  public static java.util.Optional<AssetDetails> assetDetails(
      PaymentPointer pointer, HttpClient http, Duration timeout) throws IOException {
    HttpResponse<String> response = get(pointer, http, timeout, "application/json");
    if (response.statusCode() != 200) {
      return java.util.Optional.empty();
    }
    try {
      JsonNode json = JSON.readTree(response.body());
      JsonNode code = json.path("assetCode");
      JsonNode scale = json.path("assetScale");
      if (!code.isTextual() || !scale.isInt()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new AssetDetails(code.asText(), scale.asInt()));
    } catch (IOException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Queries a payment pointer's SPSP endpoint.
   *
   * @throws IOException when it cannot be reached or does not answer SPSP
   */
  public static Details query(PaymentPointer pointer, HttpClient http, Duration timeout)
      throws IOException {
    HttpResponse<String> response =
        get(pointer, http, timeout, "application/spsp4+json, application/spsp+json");
    if (response.statusCode() != 200) {
      throw new IOException("SPSP query answered HTTP " + response.statusCode());
    }
    JsonNode json = JSON.readTree(response.body());
    String destination = json.path("destination_account").asText("");
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(json.path("shared_secret").asText(""));
      IlpPacket.IlpAddresses.check(destination);
    } catch (IllegalArgumentException e) {
      throw new IOException("SPSP answer is not valid: " + e.getMessage());
    }
    if (secret.length != 32) {
      throw new IOException("SPSP shared secret is not 32 bytes");
    }
    return new Details(destination, secret, json.path("receipts_enabled").asBoolean(false));
  }

  /** GETs the pointer's URL with {@code accept}; interruption becomes an IOException. */
  private static HttpResponse<String> get(
      PaymentPointer pointer, HttpClient http, Duration timeout, String accept) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(pointer.toUrl())
            .timeout(timeout)
            .header("Accept", accept)
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The JDK says only ConnectException (no message) for a refused connection: name the URL.
      throw new IOException(
          "SPSP query to " + pointer.toUrl() + " failed: " + HttpFailures.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
