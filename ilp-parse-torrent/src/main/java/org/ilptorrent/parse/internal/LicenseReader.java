package org.ilptorrent.parse.internal;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
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
  /**
   * Longer digit strings are refused without being read: leading zeros aside, no more are needed
   * for 2<sup>64</sup>-1, and a fork torrent could hold megabytes of them.
   */
  private static final int MAX_AMOUNT_DIGITS = 64;

  private LicenseReader() {}

  static License read(BValue value, String field, int offset) {
    if (!(value instanceof BValue.BDict m)) {
      throw new InvalidTorrentException(field, offset, "must be a dictionary");
    }
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

  private static String text(BValue.BDict m, String key, String field, int offset) {
    if (!(m.get(key) instanceof BValue.BBytes s)) {
      throw new InvalidTorrentException(field + "." + key, offset, "missing or not a string");
    }
    return s.text();
  }

  private static URI uri(String text, String field, int offset) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidTorrentException(field + ".verifier", offset, "not a URL");
    }
  }

  /**
   * The amount, checked here rather than left to {@link License} so that the error names {@code
   * amount} itself: an integer 1..2<sup>64</sup>-1, the range of an Interledger amount.
   */
  private static BigInteger amount(BValue value, String field, int offset) {
    String name = field + ".amount";
    String digits;
    if (value instanceof BValue.BInt i) {
      digits = Long.toString(i.value());
    } else if (value instanceof BValue.BBytes s) {
      if (s.length() > MAX_AMOUNT_DIGITS) {
        throw new InvalidTorrentException(name, offset, tooLarge());
      }
      digits = s.text();
    } else {
      throw new InvalidTorrentException(name, offset, "missing");
    }
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidTorrentException(name, offset, "must be decimal digits");
    }
    BigInteger amount = new BigInteger(digits);
    if (amount.compareTo(License.MAX_AMOUNT) > 0) {
      throw new InvalidTorrentException(name, offset, tooLarge());
    }
    if (amount.signum() == 0) {
      throw new InvalidTorrentException(
          name, offset, "must be at least 1; a free torrent has no licence");
    }
    return amount;
  }

  private static String tooLarge() {
    return "must be at most " + License.MAX_AMOUNT + " (2^64-1) base units";
  }

  private static int scale(BValue value, String field, int offset) {
    if (!(value instanceof BValue.BInt i)) {
      throw new InvalidTorrentException(field + ".assetScale", offset, "missing or not an integer");
    }
    long scale = i.value();
    if (scale < 0 || scale > License.MAX_ASSET_SCALE) {
      throw new InvalidTorrentException(field + ".assetScale", offset, "must be 0..255");
    }
    return (int) scale;
  }
}
