package org.ilptorrent.discovery.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ilptorrent.discovery.internal.InvalidLsdMessageException.Reason;
import org.ilptorrent.magnet.InfoHash;

/**
 * A BEP 14 local service discovery announce:
 *
 * <pre>
 * BT-SEARCH * HTTP/1.1\r\n
 * Host: 239.192.152.143:6771\r\n
 * Port: 6881\r\n
 * Infohash: 0123456789abcdef0123456789abcdef01234567\r\n   (one or more)
 * cookie: 5f2a...\r\n                                      (optional)
 * \r\n
 * \r\n
 * </pre>
 *
 * Parsing is lenient where peers differ (header names in any case, LF without CR, unknown headers,
 * no {@code Host}) and strict about the values used (port, info hashes).
 *
 * @param host the {@code Host} header, when there was one
 * @param port the announcing peer's listen port
 * @param infoHashes the torrents announced, duplicates removed, in order
 * @param cookie the sender's cookie, by which an endpoint recognises its own announces
 */
public record LsdMessage(
    Optional<String> host, int port, List<InfoHash> infoHashes, Optional<String> cookie) {
  private static final String REQUEST_LINE = "BT-SEARCH * HTTP/1.1";
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern HEX40 = Pattern.compile("[0-9A-Fa-f]{40}");
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,64}");
  private static final Pattern HOST = Pattern.compile("[\\x21-\\x7e]{1,300}");
  private static final int MAX_HEADERS = 64;

  /** Validates the fields. */
  public LsdMessage {
    if (host == null || cookie == null || infoHashes == null) {
      throw new IllegalArgumentException("host, cookie and infoHashes must not be null");
    }
    host.ifPresent(
        h -> {
          if (!HOST.matcher(h).matches()) {
            throw new IllegalArgumentException("host must be 1..300 visible ASCII characters");
          }
        });
    cookie.ifPresent(
        c -> {
          if (!TOKEN.matcher(c).matches()) {
            throw new IllegalArgumentException("cookie must be 1..64 visible ASCII characters");
          }
        });
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    infoHashes = List.copyOf(new LinkedHashSet<>(infoHashes));
    if (infoHashes.isEmpty()) {
      throw new IllegalArgumentException("at least one info hash is required");
    }
    for (InfoHash h : infoHashes) {
      if (h.version() != 1) {
        throw new IllegalArgumentException("LSD announces v1 (20-byte) info hashes only");
      }
    }
  }

  /** The datagram's bytes. */
  public byte[] encode() {
    StringBuilder b = new StringBuilder(REQUEST_LINE).append("\r\n");
    host.ifPresent(h -> b.append("Host: ").append(h).append("\r\n"));
    b.append("Port: ").append(port).append("\r\n");
    for (InfoHash h : infoHashes) {
      b.append("Infohash: ").append(h.toHex()).append("\r\n");
    }
    cookie.ifPresent(c -> b.append("cookie: ").append(c).append("\r\n"));
    b.append("\r\n\r\n");
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads an announce.
   *
   * @param data the datagram
   * @param length how many bytes of {@code data} it holds
   * @param maxBytes the longest datagram accepted
   * @param maxInfoHashes the most info hashes accepted in one datagram
   * @throws InvalidLsdMessageException naming the rule broken and the byte offset
   */
  public static LsdMessage parse(byte[] data, int length, int maxBytes, int maxInfoHashes) {
    if (length > maxBytes) {
      throw new InvalidLsdMessageException(
          Reason.TOO_LARGE, 0, "datagram longer than " + maxBytes + " bytes");
    }
    for (int i = 0; i < length; i++) {
      int c = data[i] & 0xff;
      if ((c < 0x20 || c > 0x7e) && c != '\r' && c != '\n' && c != '\t') {
        throw new InvalidLsdMessageException(
            Reason.NOT_ASCII, i, "byte 0x" + Integer.toHexString(c));
      }
    }
    String text = new String(data, 0, length, StandardCharsets.US_ASCII);
    int pos = 0;
    int lineEnd = lineEnd(text, pos);
    if (lineEnd < 0 || !text.substring(pos, lineEnd).strip().equals(REQUEST_LINE)) {
      throw new InvalidLsdMessageException(Reason.NOT_BT_SEARCH, 0, "not a BT-SEARCH request");
    }
    pos = next(text, lineEnd);
    String host = null;
    String cookie = null;
    int port = -1;
    Set<InfoHash> hashes = new LinkedHashSet<>();
    int headers = 0;
    while (pos < text.length()) {
      int end = lineEnd(text, pos);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(pos, end);
      if (line.isBlank()) {
        break; // the end of the head; the BEP's second empty line and anything after are ignored
      }
      if (++headers > MAX_HEADERS) {
        throw new InvalidLsdMessageException(
            Reason.MALFORMED_HEADER, pos, "more than " + MAX_HEADERS + " headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new InvalidLsdMessageException(Reason.MALFORMED_HEADER, pos, "header without a name");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (name) {
        case "port" -> {
          if (port != -1) {
            throw new InvalidLsdMessageException(Reason.BAD_PORT, pos, "two Port headers");
          }
          if (!PORT.matcher(value).matches()) {
            throw new InvalidLsdMessageException(Reason.BAD_PORT, pos, "Port is not a number");
          }
          port = Integer.parseInt(value);
          if (port < 1 || port > 65535) {
            throw new InvalidLsdMessageException(Reason.BAD_PORT, pos, "Port outside 1..65535");
          }
        }
        case "infohash" -> {
          if (!HEX40.matcher(value).matches()) {
            throw new InvalidLsdMessageException(
                Reason.BAD_INFOHASH, pos, "Infohash is not 40 hex digits");
          }
          hashes.add(InfoHash.fromHex(value.toLowerCase(Locale.ROOT)));
          if (hashes.size() > maxInfoHashes) {
            throw new InvalidLsdMessageException(
                Reason.TOO_MANY_INFOHASHES, pos, "more than " + maxInfoHashes + " info hashes");
          }
        }
        case "host" -> {
          if (host == null && HOST.matcher(value).matches()) {
            host = value;
          }
        }
        case "cookie" -> {
          if (cookie == null && TOKEN.matcher(value).matches()) {
            cookie = value;
          }
        }
        default -> {
          // Unknown headers are allowed.
        }
      }
      pos = end >= text.length() ? end : next(text, end);
    }
    if (port == -1) {
      throw new InvalidLsdMessageException(Reason.BAD_PORT, 0, "no Port header");
    }
    if (hashes.isEmpty()) {
      throw new InvalidLsdMessageException(Reason.NO_INFOHASH, 0, "no Infohash header");
    }
    return new LsdMessage(
        Optional.ofNullable(host), port, new ArrayList<>(hashes), Optional.ofNullable(cookie));
  }

  /** {@link #parse}, or empty for anything that is not a usable announce. */
  public static Optional<LsdMessage> tryParse(
      byte[] data, int length, int maxBytes, int maxInfoHashes) {
    try {
      return Optional.of(parse(data, length, maxBytes, maxInfoHashes));
    } catch (InvalidLsdMessageException e) {
      return Optional.empty();
    }
  }

  /** The index of the LF (or CR of a CRLF) ending the line at {@code from}, or -1. */
  private static int lineEnd(String text, int from) {
    int lf = text.indexOf('\n', from);
    if (lf < 0) {
      return -1;
    }
    return lf > from && text.charAt(lf - 1) == '\r' ? lf - 1 : lf;
  }

  private static int next(String text, int lineEnd) {
    return text.charAt(lineEnd) == '\r' ? lineEnd + 2 : lineEnd + 1;
  }
}
