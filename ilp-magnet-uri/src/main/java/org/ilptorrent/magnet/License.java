package org.ilptorrent.magnet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BInteger;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.magnet.internal.HttpUrls;
import org.ilptorrent.magnet.internal.Text;

/**
 * The terms of a paid torrent: what it costs, in which asset, where to pay and which receipt
 * verifier counts the payment.
 *
 * <p>Amounts are integers in the asset's base units (an amount of {@code 1070000000} at scale 9 is
 * 1.07 units); no floating point is used anywhere. Use {@link #ofPrice} to convert a decimal price
 * exactly.
 *
 * @param paymentPointer where the downloader pays (the proxy pointer at the verifier)
 * @param verifier the verifier's balances API base URL, an absolute http(s) URL
 * @param amount the price in base units, 1 to 2<sup>64</sup>-1
 * @param assetCode the asset, 1 to 12 printable ASCII characters such as {@code USD}
 * @param assetScale how many decimal places a base unit is, 0 to 255
 */
public record License(
    PaymentPointer paymentPointer,
    URI verifier,
    BigInteger amount,
    String assetCode,
    int assetScale) {

  /** The largest amount: 2<sup>64</sup>-1, the range of an Interledger amount. */
  public static final BigInteger MAX_AMOUNT = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** The longest asset code. */
  public static final int MAX_ASSET_CODE_LENGTH = 12;

  /** The largest asset scale. */
  public static final int MAX_ASSET_SCALE = 255;

  /**
   * Longer amount digit strings are refused without being read: leading zeros aside, no more are
   * needed for 2<sup>64</sup>-1, and a fork torrent could hold megabytes of them.
   */
  private static final int MAX_AMOUNT_DIGITS = 64;

  /**
   * Validates every field.
   *
   * @throws InvalidLicenseException naming the first field that breaks a rule
   */
  public License {
    if (paymentPointer == null) {
      throw new InvalidLicenseException("paymentPointer is required");
    }
    checkVerifier(verifier);
    if (amount == null) {
      throw new InvalidLicenseException("amount is required");
    }
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      throw new InvalidLicenseException(
          "amount must be at most "
              + MAX_AMOUNT
              + " (2^64-1) base units, got "
              + Text.quote(amount.toString(), 40));
    }
    if (amount.signum() <= 0) {
      throw new InvalidLicenseException(
          "amount must be 1.." + MAX_AMOUNT + " base units; a free torrent has no licence");
    }
    checkAssetCode(assetCode);
    if (assetScale < 0 || assetScale > MAX_ASSET_SCALE) {
      throw new InvalidLicenseException("assetScale must be 0..255, got " + assetScale);
    }
  }

  /**
   * A licence whose amount is a decimal price converted exactly to base units: {@code 1.07} at
   * scale 9 is {@code 1070000000}.
   *
   * @throws InvalidLicenseException when the price has more decimal places than the scale allows,
   *     or any field breaks a rule
   */
  public static License ofPrice(
      PaymentPointer paymentPointer,
      URI verifier,
      BigDecimal price,
      String assetCode,
      int assetScale) {
    return new License(
        paymentPointer, verifier, toBaseUnits(price, assetScale), assetCode, assetScale);
  }

  /**
   * Like {@link #ofPrice(PaymentPointer, URI, BigDecimal, String, int)} with the price written as
   * decimal text ({@code "1.07"}); exponents and signs are refused.
   *
   * @throws InvalidLicenseException when the text is not a plain decimal or the conversion is not
   *     exact
   */
  public static License ofPrice(
      PaymentPointer paymentPointer, URI verifier, String price, String assetCode, int assetScale) {
    if (price == null || !price.matches("[0-9]{1,40}(\\.[0-9]{1,255})?")) {
      throw new InvalidLicenseException(
          "price must be a plain decimal such as 1.07, got " + Text.quote(price, 40));
    }
    return ofPrice(paymentPointer, verifier, new BigDecimal(price), assetCode, assetScale);
  }

  /**
   * The licence as the bencoded dictionary that paid torrents and trackers carry: {@code amount}
   * (decimal digits as a byte string, as the fork writes it), {@code assetCode}, {@code assetScale}
   * (an integer), {@code paymentPointer} and {@code verifier}.
   */
  public BDictionary toBencode() {
    return BDictionary.builder()
        .put("amount", amount.toString())
        .put("assetCode", assetCode)
        .put("assetScale", assetScale)
        .put("paymentPointer", paymentPointer.toString())
        .put("verifier", verifier.toString())
        .build();
  }

  /**
   * Reads a licence dictionary as {@link #toBencode()} writes it; {@code amount} may also be an
   * integer. Other keys are ignored.
   *
   * @throws InvalidLicenseException naming the dictionary key at fault ({@link
   *     InvalidLicenseException#key()}) when an entry is missing, of the wrong type or out of
   *     range, or else the rule the terms break
   */
  public static License fromBencode(BDictionary dictionary) {
    if (dictionary == null) {
      throw new InvalidLicenseException("licence dictionary is null");
    }
    try {
      return new License(
          PaymentPointer.parse(text(dictionary, "paymentPointer")),
          uri(text(dictionary, "verifier")),
          amount(dictionary.get("amount")),
          text(dictionary, "assetCode"),
          scale(dictionary.get("assetScale")));
    } catch (InvalidPaymentPointerException e) {
      throw new InvalidLicenseException(e.getMessage(), e);
    }
  }

  private static String text(BDictionary dictionary, String key) {
    if (!(dictionary.get(key) instanceof BString s)) {
      throw InvalidLicenseException.forKey(key, "missing or not a string");
    }
    return s.text();
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw InvalidLicenseException.forKey("verifier", "not a URL");
    }
  }

  /**
   * The amount, checked here rather than left to the constructor so that the error names the {@code
   * amount} key itself.
   */
  private static BigInteger amount(BValue value) {
    String digits;
    if (value instanceof BInteger i) {
      digits = Long.toString(i.value());
    } else if (value instanceof BString s) {
      if (s.length() > MAX_AMOUNT_DIGITS) {
        throw InvalidLicenseException.forKey("amount", amountTooLarge());
      }
      digits = s.text();
    } else {
      throw InvalidLicenseException.forKey("amount", "missing");
    }
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw InvalidLicenseException.forKey("amount", "must be decimal digits");
    }
    BigInteger amount = new BigInteger(digits);
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      throw InvalidLicenseException.forKey("amount", amountTooLarge());
    }
    if (amount.signum() == 0) {
      throw InvalidLicenseException.forKey(
          "amount", "must be at least 1; a free torrent has no licence");
    }
    return amount;
  }

  private static String amountTooLarge() {
    return "must be at most " + MAX_AMOUNT + " (2^64-1) base units";
  }

  private static int scale(BValue value) {
    if (!(value instanceof BInteger i)) {
      throw InvalidLicenseException.forKey("assetScale", "missing or not an integer");
    }
    if (i.value() < 0 || i.value() > MAX_ASSET_SCALE) {
      throw InvalidLicenseException.forKey("assetScale", "must be 0..255");
    }
    return (int) i.value();
  }

  /** The price as a decimal in whole units: {@code amount} moved {@code assetScale} places left. */
  public BigDecimal price() {
    return new BigDecimal(amount, assetScale);
  }

  /** The pointer and verifier, the part a magnet link carries. */
  public PartialLicense partial() {
    return new PartialLicense(paymentPointer, verifier);
  }

  static void checkVerifier(URI verifier) {
    if (verifier == null) {
      throw new InvalidLicenseException("verifier is required");
    }
    try {
      HttpUrls.check(verifier);
    } catch (IllegalArgumentException e) {
      throw new InvalidLicenseException("verifier: " + e.getMessage(), e);
    }
  }

  private static void checkAssetCode(String assetCode) {
    if (assetCode == null || assetCode.isEmpty() || assetCode.length() > MAX_ASSET_CODE_LENGTH) {
      throw new InvalidLicenseException("assetCode must be 1..12 characters");
    }
    for (int i = 0; i < assetCode.length(); i++) {
      char c = assetCode.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new InvalidLicenseException(
            "assetCode must be printable ASCII without spaces; bad character at index " + i);
      }
    }
  }

  private static BigInteger toBaseUnits(BigDecimal price, int assetScale) {
    if (price == null) {
      throw new InvalidLicenseException("price is required");
    }
    if (assetScale < 0 || assetScale > MAX_ASSET_SCALE) {
      throw new InvalidLicenseException("assetScale must be 0..255, got " + assetScale);
    }
    // A huge exponent (1E+999999999) would make the exact conversion run for minutes.
    if (price.precision() - price.scale() > 40) {
      throw new InvalidLicenseException(
          "price " + Text.quote(price.toString(), 40) + " is too large");
    }
    if (price.signum() != 0 && price.stripTrailingZeros().scale() > assetScale) {
      throw new InvalidLicenseException(
          "price "
              + Text.quote(price.toString(), 40)
              + " has more than "
              + assetScale
              + " decimal places");
    }
    return price.movePointRight(assetScale).toBigInteger();
  }
}
