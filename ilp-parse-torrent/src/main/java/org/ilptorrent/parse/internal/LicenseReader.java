package org.ilptorrent.parse.internal;

import bt.bencoding.model.BEObject;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ilptorrent.magnet.InvalidLicenseException;
import org.ilptorrent.magnet.InvalidPaymentPointerException;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.InvalidTorrentException;

/**
 * Reads a licence dictionary: {@code amount} (decimal digits, as a byte string or an integer),
 * {@code assetCode}, {@code assetScale}, {@code paymentPointer}, {@code verifier}.
 */
final class LicenseReader {
  private LicenseReader() {}

  static License read(BEObject<?> value, String field, int offset) {
    if (!(value instanceof BEMap map)) {
      throw new InvalidTorrentException(field, offset, "must be a dictionary");
    }
    Map<String, BEObject<?>> m = map.getValue();
    try {
      return new License(
          PaymentPointer.parse(text(m, "paymentPointer", field, offset)),
          uri(text(m, "verifier", field, offset), field, offset),
          amount(m.get("amount"), field, offset),
          text(m, "assetCode", field, offset),
          scale(m.get("assetScale"), field, offset));
    } catch (InvalidLicenseException | InvalidPaymentPointerException e) {
      throw new InvalidTorrentException(field, offset, e.getMessage());
    }
  }

  private static String text(Map<String, BEObject<?>> m, String key, String field, int offset) {
    if (!(m.get(key) instanceof BEString s)) {
      throw new InvalidTorrentException(field + "." + key, offset, "missing or not a string");
    }
    return new String(s.getValue(), StandardCharsets.UTF_8);
  }

  private static URI uri(String text, String field, int offset) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidTorrentException(field + ".verifier", offset, "not a URL");
    }
  }

  private static BigInteger amount(BEObject<?> value, String field, int offset) {
    String digits;
    if (value instanceof BEInteger i) {
      digits = i.getValue().toString();
    } else if (value instanceof BEString s) {
      digits = new String(s.getValue(), StandardCharsets.US_ASCII);
    } else {
      throw new InvalidTorrentException(field + ".amount", offset, "missing");
    }
    if (digits.isEmpty()
        || digits.length() > 20
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidTorrentException(field + ".amount", offset, "must be decimal digits");
    }
    return new BigInteger(digits);
  }

  private static int scale(BEObject<?> value, String field, int offset) {
    if (!(value instanceof BEInteger i)) {
      throw new InvalidTorrentException(field + ".assetScale", offset, "missing or not an integer");
    }
    long scale = i.getValue().longValue();
    if (scale < 0 || scale > License.MAX_ASSET_SCALE) {
      throw new InvalidTorrentException(field + ".assetScale", offset, "must be 0..255");
    }
    return (int) scale;
  }
}
