package org.ilptorrent.magnet.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JavaScript's {@code encodeURIComponent} and {@code decodeURIComponent}.
 *
 * <p>Magnet links are produced by JavaScript tools, so byte-identical output needs JavaScript's
 * unreserved set ({@code A-Z a-z 0-9 - _ . ! ~ * ' ( )}), which {@link java.net.URLEncoder} does
 * not use (it writes {@code +} for space and escapes {@code ! ' ( ) ~}).
 */
public final class UriComponent {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriComponent() {}

  /**
   * Encodes like {@code encodeURIComponent}.
   *
   * @throws IllegalArgumentException for a lone surrogate, which JavaScript rejects with URIError
   */
  public static String encode(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isUnreserved(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length() + 16);
        out.append(s, 0, i);
      }
      int cp = c;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(c, s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("lone surrogate at index " + i);
      }
      appendUtf8(out, cp);
    }
    return out == null ? s : out.toString();
  }

  /**
   * Decodes like {@code decodeURIComponent}: every {@code %XX} run must be well-formed UTF-8.
   *
   * @throws IllegalArgumentException naming the index of the bad escape
   */
  public static String decode(String s) {
    int first = s.indexOf('%');
    if (first < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, first);
    byte[] run = new byte[s.length() / 3 + 1];
    int i = first;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      int start = i;
      int n = 0;
      while (i < s.length() && s.charAt(i) == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated percent escape at index " + i);
        }
        int hi = Hex.digit(s.charAt(i + 1));
        int lo = Hex.digit(s.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("invalid percent escape at index " + i);
        }
        run[n++] = (byte) ((hi << 4) | lo);
        i += 3;
      }
      try {
        CharBuffer chars =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(run, 0, n));
        out.append(chars);
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("percent escapes at index " + start + " are not UTF-8");
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '!'
        || c == '~'
        || c == '*'
        || c == '\''
        || c == '('
        || c == ')';
  }

  private static void appendUtf8(StringBuilder out, int cp) {
    if (cp < 0x80) {
      pct(out, cp);
    } else if (cp < 0x800) {
      pct(out, 0xC0 | (cp >> 6));
      pct(out, 0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      pct(out, 0xE0 | (cp >> 12));
      pct(out, 0x80 | ((cp >> 6) & 0x3F));
      pct(out, 0x80 | (cp & 0x3F));
    } else {
      pct(out, 0xF0 | (cp >> 18));
      pct(out, 0x80 | ((cp >> 12) & 0x3F));
      pct(out, 0x80 | ((cp >> 6) & 0x3F));
      pct(out, 0x80 | (cp & 0x3F));
    }
  }

  private static void pct(StringBuilder out, int b) {
    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
  }
}
