package org.ilptorrent.tracker.server.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a WebSocket tracker message the tracker acts on, read in one streaming pass: only
 * the WebRTC payloads it forwards ({@code offers}, {@code answer}, {@code offer_id}) become trees.
 * Scalars read as Jackson's {@code asText} would; unknown fields are skipped; a repeated field
 * keeps its last value.
 *
 * @param action the action, "" when missing or not a scalar
 * @param infoHash a single info hash (binary string), or null
 * @param infoHashes the info hashes of a scrape given as an array, or null
 * @param peerId the peer id (binary string), or null
 * @param event the event, "update" when missing
 * @param seeding whether {@code left} is 0
 * @param offers the offers array, or null
 * @param hasAnswer whether an {@code answer} field is present
 * @param answer the answer, or null
 * @param offerId the offer id of an answer, or null
 * @param toPeerId the peer an answer goes to, or null
 * @param requestId the balance id of a paid announce, or null
 * @param seederToken a publisher's seeder token, or null
 * @param leecherKey the raw Ed25519 key (hex) access tickets should bind, or null
 */
record WsMessage(
    String action,
    String infoHash,
    List<String> infoHashes,
    String peerId,
    String event,
    boolean seeding,
    JsonNode offers,
    boolean hasAnswer,
    JsonNode answer,
    JsonNode offerId,
    String toPeerId,
    String requestId,
    String seederToken,
    String leecherKey) {

  /**
   * Reads a message; {@code null} when the text is JSON but not an object.
   *
   * @throws IOException when the text is not JSON
   */
  static WsMessage parse(ObjectMapper mapper, String text) throws IOException {
    try (JsonParser p = mapper.getFactory().createParser(text)) {
      return read(mapper, p);
    }
  }

  /**
   * Reads a message from its UTF-8 bytes {@code utf8[0..length)} (valid UTF-8), as {@link
   * #parse(ObjectMapper, String)} reads their text but without decoding them into a string first: a
   * flat message (the usual announce) by {@link FlatJson}, any other by Jackson's byte parser.
   *
   * @throws IOException when the text is not JSON
   */
  static WsMessage parse(ObjectMapper mapper, byte[] utf8, int length) throws IOException {
    WsMessage flat = FlatJson.read(utf8, length);
    if (flat != null) {
      return flat;
    }
    if (!plainUtf8(utf8, length)) {
      return parse(mapper, new String(utf8, 0, length, StandardCharsets.UTF_8));
    }
    try (JsonParser p = mapper.getFactory().createParser(utf8, 0, length)) {
      return read(mapper, p);
    }
  }

  /**
   * Whether Jackson's byte parser would read these bytes as UTF-8 text without a byte order mark:
   * it guesses UTF-16 or UTF-32 from zero bytes at the start, and skips a leading BOM, where the
   * text is read as is. Such messages (never valid JSON in UTF-8 but for the BOM) take the string
   * path, so that they get exactly the answer they always got.
   */
  private static boolean plainUtf8(byte[] utf8, int length) {
    if (length > 0 && (utf8[0] & 0xFF) == 0xEF) {
      return false;
    }
    for (int i = 0; i < Math.min(4, length); i++) {
      if (utf8[i] == 0) {
        return false;
      }
    }
    return true;
  }

  private static WsMessage read(ObjectMapper mapper, JsonParser p) throws IOException {
    p.setCodec(mapper);
    if (p.nextToken() != JsonToken.START_OBJECT) {
      // Still read to the end so that trailing garbage is an error, as readTree makes it.
      while (p.nextToken() != null) {
        p.skipChildren();
      }
      return null;
    }
    Builder b = new Builder();
    for (String name; (name = p.nextFieldName()) != null; ) {
      JsonToken value = p.nextToken();
      switch (name) {
        case "action" -> b.action = scalar(p, value, "");
        case "info_hash" -> {
          if (value == JsonToken.START_ARRAY) {
            b.infoHashes = strings(p);
            b.infoHash = null;
          } else {
            b.infoHash = value == JsonToken.VALUE_STRING ? p.getText() : skip(p);
            b.infoHashes = null;
          }
        }
        case "peer_id" -> b.peerId = scalar(p, value, null);
        case "event" -> b.event = scalar(p, value, "update");
        case "left" ->
            b.seeding =
                value.isNumeric()
                    ? p.getDoubleValue() == 0
                    : value == JsonToken.VALUE_STRING && p.getText().equals("0")
                        || skipped(p, false);
        case "offers" -> b.offers = tree(p, value);
        case "answer" -> {
          b.hasAnswer = true;
          b.answer = tree(p, value);
        }
        case "offer_id" -> b.offerId = tree(p, value);
        case "to_peer_id" -> b.toPeerId = scalar(p, value, null);
        case "requestId" -> b.requestId = scalar(p, value, null);
        case "seeder_token" -> b.seederToken = scalar(p, value, null);
        case "leecher_key" -> b.leecherKey = scalar(p, value, null);
        default -> p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "trailing content");
    }
    return b.build();
  }

  private static String scalar(JsonParser p, JsonToken value, String fallback) throws IOException {
    if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
      return p.getText();
    }
    p.skipChildren();
    return fallback;
  }

  private static String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static boolean skipped(JsonParser p, boolean result) throws IOException {
    p.skipChildren();
    return result;
  }

  private static JsonNode tree(JsonParser p, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_NULL ? null : p.readValueAsTree();
  }

  private static List<String> strings(JsonParser p) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
      out.add(t.isScalarValue() && t != JsonToken.VALUE_NULL ? p.getText() : skip(p));
    }
    return out;
  }

  /** The fields of a message as they are read; unset ones keep what a missing field means. */
  static final class Builder {
    String action = "";
    String infoHash;
    List<String> infoHashes;
    String peerId;
    String event = "update";
    boolean seeding;
    JsonNode offers;
    boolean hasAnswer;
    JsonNode answer;
    JsonNode offerId;
    String toPeerId;
    String requestId;
    String seederToken;
    String leecherKey;

    WsMessage build() {
      return new WsMessage(
          action,
          infoHash,
          infoHashes,
          peerId,
          event,
          seeding,
          offers,
          hasAnswer,
          answer,
          offerId,
          toPeerId,
          requestId,
          seederToken,
          leecherKey);
    }
  }
}
