package org.ilptorrent.magnet.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.InvalidInfoHashException;
import org.ilptorrent.magnet.InvalidMagnetUriException;
import org.ilptorrent.magnet.InvalidPaymentPointerException;
import org.ilptorrent.magnet.MagnetParameter;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PaymentPointer;

/**
 * Reads magnet URIs. Lenient where npm magnet-uri is (unknown parameters, repeated values, a
 * parameter without {@code =}), strict where a wrong reading would be worse than an error (bad
 * escapes, malformed hashes, two different values for one field).
 *
 * <p>Two deliberate differences from magnet-uri's decoder: {@code +} in {@code dn} and {@code kt}
 * is taken as a space or separator <em>before</em> percent-decoding, so an escaped {@code %2B}
 * stays a plus sign; and a value may itself contain {@code =}.
 */
public final class MagnetDecoder {
  private static final Set<String> KNOWN =
      Set.of("xt", "dn", "tr", "ws", "as", "xs", "kt", "x.pe", "so", "ix", "pp", "vr");

  private MagnetDecoder() {}

  /** Whether {@link MagnetUri} itself interprets {@code parameter}, by name and, for xt, value. */
  public static boolean isInterpreted(MagnetParameter parameter) {
    if (!parameter.key().equals("xt")) {
      return KNOWN.contains(parameter.key());
    }
    String v = parameter.rawValue() == null ? "" : parameter.rawValue().toLowerCase(Locale.ROOT);
    return v.startsWith("urn:btih:") || v.startsWith("urn:btmh:");
  }

  /** See {@link MagnetUri#parse(String)}. */
  public static MagnetUri decode(String uri) {
    if (uri == null) {
      throw new InvalidMagnetUriException(null, "magnet URI is null");
    }
    if (uri.length() > MagnetUri.MAX_LENGTH) {
      throw new InvalidMagnetUriException(
          null, "magnet URI is longer than " + MagnetUri.MAX_LENGTH + " characters");
    }
    if (!uri.regionMatches(true, 0, "magnet:?", 0, 8)) {
      throw new InvalidMagnetUriException(
          null, "not a magnet URI: must start with 'magnet:?', got " + Text.quote(uri, 40));
    }
    State s = new State();
    int start = 8;
    int count = 0;
    while (start <= uri.length()) {
      int end = uri.indexOf('&', start);
      if (end < 0) {
        end = uri.length();
      }
      if (end > start) {
        if (++count > MagnetUri.MAX_PARAMETERS) {
          throw new InvalidMagnetUriException(
              null, "more than " + MagnetUri.MAX_PARAMETERS + " parameters");
        }
        int eq = uri.indexOf('=', start);
        String key = uri.substring(start, eq < 0 || eq > end ? end : eq);
        String raw = eq < 0 || eq > end ? null : uri.substring(eq + 1, end);
        try {
          s.accept(key, raw);
        } catch (InvalidMagnetUriException e) {
          throw e;
        } catch (IllegalArgumentException e) {
          throw new InvalidMagnetUriException(key, "at index " + start + ": " + e.getMessage());
        }
      }
      start = end + 1;
    }
    return s.build();
  }

  /** What has been read so far; single-valued fields refuse a second, different value. */
  private static final class State {
    private final MagnetUri.Builder builder = MagnetUri.builder();
    private InfoHash v1;
    private InfoHash v2;
    private String name;
    private Integer index;
    private PaymentPointer pointer;
    private URI verifier;
    private final List<Integer> selectOnly = new ArrayList<>();

    void accept(String key, String raw) {
      if (raw == null || !KNOWN.contains(key)) {
        builder.addParameter(new MagnetParameter(key, raw));
        return;
      }
      switch (key) {
        case "xt" -> topic(raw);
        case "dn" -> name = single(key, name, UriComponent.decode(raw.replace('+', ' ')));
        case "tr" -> nonEmpty(raw, v -> builder.addTracker(v));
        case "ws" -> nonEmpty(raw, v -> builder.addWebSeed(v));
        case "as" -> nonEmpty(raw, v -> builder.addAcceptableSource(v));
        case "xs" -> nonEmpty(raw, v -> builder.addExactSource(v));
        case "kt" -> {
          for (String word : raw.split("\\+")) {
            if (!word.isEmpty()) {
              builder.addKeyword(UriComponent.decode(word));
            }
          }
        }
        case "x.pe" -> nonEmpty(raw, v -> builder.addPeerAddress(v));
        case "so" ->
            SelectOnly.parse(UriComponent.decode(raw), selectOnly, MagnetUri.MAX_SELECTED_FILES);
        case "ix" -> index = single(key, index, fileIndex(raw));
        case "pp" -> pointer = single(key, pointer, pointer(UriComponent.decode(raw)));
        case "vr" -> verifier = single(key, verifier, verifier(UriComponent.decode(raw)));
        default -> throw new IllegalStateException("unhandled known key " + key);
      }
    }

    private void topic(String raw) {
      String lower = raw.toLowerCase(Locale.ROOT);
      try {
        if (lower.startsWith("urn:btih:")) {
          v1 = single("xt", v1, InfoHash.parse(raw.substring(9)));
          if (v1.version() != 1) {
            throw new InvalidMagnetUriException("xt", "urn:btih: needs 40 hex or 32 base32 digits");
          }
        } else if (lower.startsWith("urn:btmh:")) {
          v2 = single("xt", v2, InfoHash.fromMultihash(raw.substring(9).toLowerCase(Locale.ROOT)));
        } else {
          builder.addParameter(new MagnetParameter("xt", raw));
        }
      } catch (InvalidInfoHashException e) {
        throw new InvalidMagnetUriException("xt", e.getMessage());
      }
    }

    private static void nonEmpty(String raw, Consumer<String> add) {
      String value = UriComponent.decode(raw);
      if (!value.isEmpty()) {
        add.accept(value);
      }
    }

    private static <T> T single(String key, T current, T next) {
      if (current != null && !current.equals(next)) {
        throw new InvalidMagnetUriException(key, "given twice with different values");
      }
      return next;
    }

    private static Integer fileIndex(String raw) {
      if (raw.isEmpty() || raw.length() > 9 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new InvalidMagnetUriException("ix", "must be a file index (0..999999999)");
      }
      return Integer.valueOf(raw);
    }

    private static PaymentPointer pointer(String text) {
      try {
        return PaymentPointer.parse(text);
      } catch (InvalidPaymentPointerException e) {
        throw new InvalidMagnetUriException("pp", e.getMessage());
      }
    }

    private static URI verifier(String text) {
      try {
        return HttpUrls.parse(text);
      } catch (IllegalArgumentException e) {
        throw new InvalidMagnetUriException("vr", "verifier " + e.getMessage());
      }
    }

    MagnetUri build() {
      if (v1 == null && v2 == null) {
        throw new InvalidMagnetUriException("xt", "no info hash (urn:btih or urn:btmh)");
      }
      if (v1 != null) {
        builder.infoHash(v1);
      }
      if (v2 != null) {
        builder.infoHash(v2);
      }
      return builder
          .name(name)
          .index(index)
          .addSelectOnly(selectOnly)
          .paymentPointer(pointer)
          .verifier(verifier)
          .build();
    }
  }
}
