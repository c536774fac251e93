package org.ilptorrent.webtorrent.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The path of a request target as decoded segments, and the encoding of segments into URL paths. A
 * target must be in origin form ({@code /a/b?query}; the query is ignored); each segment is
 * percent-decoded as UTF-8. A bad escape, bytes that are not UTF-8, a control character (NUL
 * included), a {@code .} or {@code ..} segment, or an empty segment other than a trailing one is a
 * 400: nothing here ever names a file outside a torrent, and a request that tries is refused rather
 * than normalised.
 */
public final class RequestPath {
  private RequestPath() {}

  /**
   * The decoded segments of {@code target}'s path: {@code "/"} gives none, {@code "/a/b/"} gives
   * {@code a, b, ""}.
   *
   * @throws HttpException with 400 when the target is not a clean origin-form path
   */
  public static List<String> segments(String target) throws HttpException {
    if (!target.startsWith("/")) {
      throw new HttpException(400, "request target must be a path");
    }
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    List<String> out = new ArrayList<>();
    if (path.equals("/")) {
      return out;
    }
    String[] raw = path.substring(1).split("/", -1);
    for (int i = 0; i < raw.length; i++) {
      String s = decode(raw[i]);
      if (s.isEmpty() && i < raw.length - 1) {
        throw new HttpException(400, "empty path segment");
      }
      if (s.equals(".") || s.equals("..")) {
        throw new HttpException(400, "dot segment in path");
      }
      out.add(s);
    }
    return out;
  }

  private static String decode(String segment) throws HttpException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          throw new HttpException(400, "bad percent escape in path");
        }
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new HttpException(400, "bad percent escape in path");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    String s;
    try {
      s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new HttpException(400, "path is not UTF-8");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new HttpException(400, "control character in path");
      }
    }
    return s;
  }

  /**
   * {@code segment} percent-encoded for a URL path: every byte of its UTF-8 form but the unreserved
   * characters ({@code A-Z a-z 0-9 - . _ ~}) is escaped.
   */
  public static String encode(String segment) {
    StringBuilder b = new StringBuilder();
    for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }

  /** {@code segments} encoded and joined with {@code /}. */
  public static String encode(List<String> segments) {
    List<String> encoded = new ArrayList<>(segments.size());
    segments.forEach(s -> encoded.add(encode(s)));
    return String.join("/", encoded);
  }
}
