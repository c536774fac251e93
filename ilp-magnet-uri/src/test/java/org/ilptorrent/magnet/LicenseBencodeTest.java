package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.bencode.Bencode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The licence dictionary that paid torrents and trackers carry: {@link License#toBencode()}. */
class LicenseBencodeTest {
  private static final License LICENSE =
      new License(
          PaymentPointer.parse("$wallet.example/alice"),
          URI.create("https://verifier.example"),
          new BigInteger("1070000000"),
          "USD",
          9);

  /** The dictionary as the fork writes it: keys sorted, the amount as decimal text. */
  private static final String ENCODED =
      "d6:amount10:10700000009:assetCode3:USD10:assetScalei9e"
          + "14:paymentPointer21:$wallet.example/alice"
          + "8:verifier24:https://verifier.examplee";

  private static BDictionary decode(String bencode) {
    return Bencode.decodeDictionary(bencode.getBytes(StandardCharsets.UTF_8));
  }

  /** The good dictionary with {@code key} set to {@code value}, or removed when it is null. */
  private static BDictionary with(String key, BValue value) {
    BDictionary.Builder out = BDictionary.builder();
    LICENSE
        .toBencode()
        .entries()
        .forEach(
            (k, v) -> {
              if (!k.contentEquals(key)) {
                out.put(k, v);
              }
            });
    if (value != null) {
      out.put(key, value);
    }
    return out.build();
  }

  @Test
  void writesTheForkDictionaryAndReadsItBack() {
    assertThat(new String(Bencode.encode(LICENSE.toBencode()), StandardCharsets.UTF_8))
        .isEqualTo(ENCODED);
    assertThat(License.fromBencode(decode(ENCODED))).isEqualTo(LICENSE);
    assertThat(License.fromBencode(LICENSE.toBencode())).isEqualTo(LICENSE);
  }

  @Test
  void roundTripsTheLargestAmountAndScale() {
    License max =
        new License(LICENSE.paymentPointer(), LICENSE.verifier(), License.MAX_AMOUNT, "XRP", 255);
    BDictionary read = Bencode.decodeDictionary(Bencode.encode(max.toBencode()));
    assertThat(License.fromBencode(read)).isEqualTo(max);
  }

  @Test
  void readsAnIntegerAmountAndIgnoresUnknownKeys() {
    BDictionary d =
        decode(
            ENCODED
                .replace("10:1070000000", "i1070000000e")
                .replace("8:verifier", "5:extra0:8:verifier"));
    assertThat(License.fromBencode(d)).isEqualTo(LICENSE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // key | bencoded value, or empty for missing | key at fault | reason
        "amount||amount|missing",
        "amount|le|amount|missing",
        "amount|2:-5|amount|must be decimal digits",
        "amount|i-5e|amount|must be decimal digits",
        "amount|3:1.5|amount|must be decimal digits",
        "amount|0:|amount|must be decimal digits",
        "amount|1:0|amount|must be at least 1; a free torrent has no licence",
        "amount|i0e|amount|must be at least 1; a free torrent has no licence",
        "amount|20:18446744073709551616|amount|must be at most 18446744073709551615 (2^64-1) base units",
        "amount|23:99999999999999999999999|amount|must be at most 18446744073709551615 (2^64-1) base units",
        "assetCode||assetCode|missing or not a string",
        "assetCode|i3e|assetCode|missing or not a string",
        "assetScale||assetScale|missing or not an integer",
        "assetScale|1:9|assetScale|missing or not an integer",
        "assetScale|i-1e|assetScale|must be 0..255",
        "assetScale|i256e|assetScale|must be 0..255",
        "paymentPointer||paymentPointer|missing or not a string",
        "paymentPointer|de|paymentPointer|missing or not a string",
        "verifier||verifier|missing or not a string",
        "verifier|i1e|verifier|missing or not a string",
        "verifier|3:a b|verifier|not a URL",
      })
  void refusesAMalformedEntryNamingItsKey(
      String key, String value, String faultKey, String reason) {
    BDictionary d = with(key, value == null ? null : Bencode.decode(value.getBytes()));
    InvalidLicenseException e = refusal(() -> License.fromBencode(d));
    assertThat(e).isNotNull();
    assertThat(e.key()).contains(faultKey);
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e).hasMessage(faultKey + ": " + reason);
  }

  @Test
  void refusesAmountDigitsBeyondTheLimitWithoutReadingThem() {
    BDictionary d = with("amount", BString.of("9".repeat(70)));
    InvalidLicenseException e = refusal(() -> License.fromBencode(d));
    assertThat(e.key()).contains("amount");
    assertThat(e.reason()).startsWith("must be at most 18446744073709551615");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "assetCode|0:|assetCode must be 1..12 characters",
        "assetCode|13:ABCDEFGHIJKLM|assetCode must be 1..12 characters",
        "paymentPointer|14:wallet.example|",
        "verifier|15:ftp://v.example|verifier",
      })
  void refusesTermsThatBreakTheLicenceRules(String key, String value, String words) {
    BDictionary d = with(key, Bencode.decode(value.getBytes()));
    InvalidLicenseException e = refusal(() -> License.fromBencode(d));
    assertThat(e).isNotNull();
    assertThat(e.key()).isEmpty();
    assertThat(e).hasMessageContaining(words == null ? "" : words);
  }

  private static InvalidLicenseException refusal(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(InvalidLicenseException.class);
    return (InvalidLicenseException) thrown;
  }

  @Test
  void refusesNull() {
    assertThat(refusal(() -> License.fromBencode(null))).hasMessageContaining("null");
  }
}
