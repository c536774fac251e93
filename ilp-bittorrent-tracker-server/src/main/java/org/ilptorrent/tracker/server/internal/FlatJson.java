package org.ilptorrent.tracker.server.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the common WebSocket tracker message, a flat JSON object, straight from its UTF-8 bytes:
 * values that are strings, numbers, {@code true}, {@code false}, {@code null} or an empty array (an
 * announce without offers). Anything else (a nested object, a non-empty array, any doubt about the
 * JSON) makes it give up and return null, and the message goes to Jackson ({@link
 * WsMessage#parse}), which then decides; so this reader only ever accepts valid JSON, and reads it
 * as Jackson reads it: the same fields with the same values, the last of a repeated key, a number's
 * text as written. Measured reason: Jackson's parser, even streaming, was the largest part of an
 * announce's CPU after the network; this reads the usual announce in one pass without a parser
 * object or its buffers.
 */
final class FlatJson {
  /** Numbers longer than this go to Jackson, which bounds their length. */
  private static final int MAX_NUMBER = 100;

  /** Field names longer than this go to Jackson, which bounds their length. */
  private static final int MAX_NAME = 1000;

  private final byte[] b;
  private final int end;
  private int i;

  private FlatJson(byte[] utf8, int length) {
    this.b = utf8;
    this.end = length;
  }

  /** The message in {@code utf8[0..length)} (valid UTF-8), or null to let Jackson read it. */
  static WsMessage read(byte[] utf8, int length) {
    return new FlatJson(utf8, length).message();
  }

  private WsMessage message() {
    WsMessage.Builder m = new WsMessage.Builder();
    skipSpace();
    if (!take('{')) {
      return null;
    }
    skipSpace();
    if (!take('}')) {
      for (; ; ) {
        String name = string();
        skipSpace();
        if (name == null || name.length() > MAX_NAME || !take(':')) {
          return null;
        }
        skipSpace();
        // The value: its kind, and its text when it is a string or a literal.
        int kind = value();
        if (kind == BAD) {
          return null;
        }
        String text = this.text;
        switch (name) {
          case "action" -> m.action = scalar(kind, text, "");
          case "info_hash" -> {
            m.infoHash = kind == STRING ? text : null;
            m.infoHashes = kind == EMPTY_ARRAY ? List.of() : null;
          }
          case "peer_id" -> m.peerId = scalar(kind, text, null);
          case "event" -> m.event = scalar(kind, text, "update");
          case "left" ->
              m.seeding =
                  kind == NUMBER
                      ? Double.parseDouble(text) == 0
                      : kind == STRING && text.equals("0");
          case "offers" -> {
            if (kind != EMPTY_ARRAY && kind != NULL) {
              return null;
            }
            m.offers = kind == EMPTY_ARRAY ? JsonNodeFactory.instance.arrayNode() : null;
          }
          case "answer", "offer_id" -> {
            if (kind != NULL) {
              return null;
            }
            m.hasAnswer |= name.equals("answer");
          }
          case "to_peer_id" -> m.toPeerId = scalar(kind, text, null);
          case "requestId" -> m.requestId = scalar(kind, text, null);
          case "seeder_token" -> m.seederToken = scalar(kind, text, null);
          case "leecher_key" -> m.leecherKey = scalar(kind, text, null);
          default -> {}
        }
        skipSpace();
        if (take('}')) {
          break;
        }
        if (!take(',')) {
          return null;
        }
        skipSpace();
      }
    }
    skipSpace();
    if (i != end) {
      return null;
    }
    return m.build();
  }

  private static final int BAD = 0;
  private static final int STRING = 1;
  private static final int NUMBER = 2;
  private static final int LITERAL = 3;
  private static final int NULL = 4;
  private static final int EMPTY_ARRAY = 5;

  /** The text of the last value read: a string's, a number's as written, true or false. */
  private String text;

  /** As Jackson's {@code getText} of a scalar, {@code fallback} for null or an array. */
  private static String scalar(int kind, String text, String fallback) {
    return kind == STRING || kind == NUMBER || kind == LITERAL ? text : fallback;
  }

  private int value() {
    text = null;
    if (i >= end) {
      return BAD;
    }
    byte c = b[i];
    if (c == '"') {
      text = string();
      return text == null ? BAD : STRING;
    }
    if (c == '[') {
      i++;
      skipSpace();
      return take(']') ? EMPTY_ARRAY : BAD;
    }
    if (c == 't') {
      return literal("true") ? LITERAL : BAD;
    }
    if (c == 'f') {
      return literal("false") ? LITERAL : BAD;
    }
    if (c == 'n') {
      return literal("null") ? NULL : BAD;
    }
    return number();
  }

  private boolean literal(String word) {
    int n = word.length();
    if (end - i < n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    i += n;
    text = word;
    return delimited();
  }

  /** JSON's number grammar, then a delimiter; the text as written. */
  private int number() {
    int start = i;
    take('-');
    if (take('0')) {
      // no leading zeros
    } else if (!digits()) {
      return BAD;
    }
    if (take('.') && !digits()) {
      return BAD;
    }
    if (take('e') || take('E')) {
      if (!take('+')) {
        take('-');
      }
      if (!digits()) {
        return BAD;
      }
    }
    if (i - start > MAX_NUMBER || !delimited()) {
      return BAD;
    }
    text = new String(b, start, i - start, StandardCharsets.ISO_8859_1);
    return NUMBER;
  }

  private boolean digits() {
    int start = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i > start;
  }

  /** Whether what follows a number or literal may follow it in JSON here. */
  private boolean delimited() {
    if (i >= end) {
      return false;
    }
    byte c = b[i];
    return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** A string at {@code i} (its opening quote), decoded; null when it is not one Jackson reads. */
  private String string() {
    if (!take('"')) {
      return null;
    }
    int start = i;
    boolean ascii = true;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        String s =
            new String(
                b, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        i++;
        return s;
      }
      if (c == '\\') {
        return escaped(start);
      }
      if (c >= 0 && c < 0x20) {
        return null;
      }
      ascii &= c >= 0;
      i++;
    }
    return null;
  }

  /** The rest of a string that has escapes, from its start. */
  private String escaped(int start) {
    StringBuilder s = new StringBuilder(end - start);
    s.append(new String(b, start, i - start, StandardCharsets.UTF_8));
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        i++;
        return s.toString();
      }
      if (c >= 0 && c < 0x20) {
        return null;
      }
      if (c != '\\') {
        int run = i;
        while (i < end && b[i] != '"' && b[i] != '\\' && (b[i] < 0 || b[i] >= 0x20)) {
          i++;
        }
        s.append(new String(b, run, i - run, StandardCharsets.UTF_8));
        continue;
      }
      if (++i >= end) {
        return null;
      }
      switch (b[i++]) {
        case '"' -> s.append('"');
        case '\\' -> s.append('\\');
        case '/' -> s.append('/');
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> {
          if (end - i < 4) {
            return null;
          }
          int code = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[i++], 16);
            if (d < 0) {
              return null;
            }
            code = code << 4 | d;
          }
          s.append((char) code);
        }
        default -> {
          return null;
        }
      }
    }
    return null;
  }

  private boolean take(char c) {
    if (i < end && b[i] == c) {
      i++;
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
  }
}
