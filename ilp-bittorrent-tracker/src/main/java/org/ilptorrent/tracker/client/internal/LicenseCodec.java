package org.ilptorrent.tracker.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BInteger;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;

/**
 * Reads the licence a tracker sends with {@code payment required}: a JSON object over WebSocket, a
 * bencoded dictionary over HTTP, with {@code amount} (decimal digits as a string, or an integer),
 * {@code assetCode}, {@code assetScale}, {@code paymentPointer} and {@code verifier}.
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

  /**
   * The licence in a bencoded dictionary.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public static License fromBencode(BValue value) {
    if (!(value instanceof BDictionary map)) {
      throw new IllegalArgumentException("license is not a dictionary");
    }
    BValue amount = map.get("amount");
    String amountText =
        amount instanceof BString b
            ? new String(b.bytes(), StandardCharsets.US_ASCII)
            : amount instanceof BInteger l ? Long.toString(l.value()) : null;
    BValue scale = map.get("assetScale");
    return build(
        text(map.get("paymentPointer"), "paymentPointer"),
        text(map.get("verifier"), "verifier"),
        amountText,
        text(map.get("assetCode"), "assetCode"),
        scale instanceof BInteger l && l.value() >= 0 && l.value() <= Integer.MAX_VALUE
            ? (int) l.value()
            : -1);
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

  private static String text(BValue value, String field) {
    if (!(value instanceof BString b)) {
      throw new IllegalArgumentException("license." + field + " is missing or not a string");
    }
    return b.text();
  }
}
