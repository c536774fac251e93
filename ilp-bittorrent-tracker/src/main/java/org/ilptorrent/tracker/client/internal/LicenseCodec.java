package org.ilptorrent.tracker.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;

/**
 * Reads the licence a tracker sends with {@code payment required} over WebSocket: a JSON object
 * with {@code amount} (decimal digits as a string, or an integer), {@code assetCode}, {@code
 * assetScale}, {@code paymentPointer} and {@code verifier}. Over HTTP it is a bencoded dictionary,
 * read by {@link License#fromBencode}.
 */
public final class LicenseCodec {
  private LicenseCodec() {}

  /**
   * The licence in a JSON object.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public static License fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("license is not an object");
    }
    JsonNode amount = node.path("amount");
    String amountText = amount.isTextual() || amount.isIntegralNumber() ? amount.asText() : null;
    JsonNode scale = node.path("assetScale");
    return build(
        text(node.path("paymentPointer"), "paymentPointer"),
        text(node.path("verifier"), "verifier"),
        amountText,
        text(node.path("assetCode"), "assetCode"),
        scale.isIntegralNumber() && scale.canConvertToInt() ? scale.asInt() : -1);
  }

  private static License build(
      String pointer, String verifier, String amount, String assetCode, int assetScale) {
    if (amount == null || !amount.matches("[0-9]{1,20}")) {
      throw new IllegalArgumentException("license.amount is not a decimal integer");
    }
    if (assetScale < 0) {
      throw new IllegalArgumentException("license.assetScale is not an integer");
    }
    URI verifierUri;
    try {
      verifierUri = new URI(verifier);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("license.verifier is not a URL", e);
    }
    return new License(
        PaymentPointer.parse(pointer), verifierUri, new BigInteger(amount), assetCode, assetScale);
  }

  private static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("license." + field + " is missing or not a string");
    }
    return node.asText();
  }
}
