package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LicenseTest {
  private static final PaymentPointer POINTER = PaymentPointer.parse("$wallet.example/alice");
  private static final URI VERIFIER = URI.create("https://verifier.example");

  @ParameterizedTest
  @CsvSource({
    "1.07, 9, 1070000000",
    "1.07, 2, 107",
    "1, 0, 1",
    "0.000000001, 9, 1",
    "18446744073709551615, 0, 18446744073709551615",
    "1.10, 1, 11",
  })
  void convertsDecimalPricesExactly(String price, int scale, String amount) {
    License viaText = License.ofPrice(POINTER, VERIFIER, price, "USD", scale);
    License viaDecimal = License.ofPrice(POINTER, VERIFIER, new BigDecimal(price), "USD", scale);
    assertThat(viaText.amount()).isEqualTo(new BigInteger(amount));
    assertThat(viaDecimal).isEqualTo(viaText);
    assertThat(viaText.price().compareTo(new BigDecimal(price))).isZero();
  }

  @ParameterizedTest
  @CsvSource({"1.071, 2", "0.5, 0", "0.0000000001, 9"})
  void rejectsFractionsBelowTheScale(String price, int scale) {
    assertThatThrownBy(() -> License.ofPrice(POINTER, VERIFIER, price, "USD", scale))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageContaining("decimal places");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "+1", "1e3", "1.", ".5", "1,5", "0x10", "NaN", "1 "})
  void rejectsPriceTextThatIsNotAPlainDecimal(String price) {
    assertThatThrownBy(() -> License.ofPrice(POINTER, VERIFIER, price, "USD", 2))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageContaining("plain decimal");
  }

  @Test
  void hugeExponentsFailFastInsteadOfExpanding() {
    assertThatThrownBy(
            () -> License.ofPrice(POINTER, VERIFIER, new BigDecimal("1E+999999999"), "USD", 9))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(
            () -> License.ofPrice(POINTER, VERIFIER, new BigDecimal("1E-999999999"), "USD", 9))
        .isInstanceOf(InvalidLicenseException.class);
  }

  @Test
  void amountMustFitAnUnsigned64BitInteger() {
    assertThat(new License(POINTER, VERIFIER, License.MAX_AMOUNT, "XRP", 6).amount())
        .isEqualTo(new BigInteger("18446744073709551615"));
    assertThatThrownBy(
            () -> new License(POINTER, VERIFIER, License.MAX_AMOUNT.add(BigInteger.ONE), "XRP", 6))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> new License(POINTER, VERIFIER, BigInteger.ZERO, "XRP", 6))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageContaining("free torrent");
  }

  @Test
  void amountsAboveTwoTo64MinusOneAreRefusedNamingTheAmount() {
    BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
    assertThat(License.MAX_AMOUNT).isEqualTo(twoTo64.subtract(BigInteger.ONE));
    assertThat(new License(POINTER, VERIFIER, License.MAX_AMOUNT, "USD", 0).amount())
        .isEqualTo(License.MAX_AMOUNT);
    for (BigInteger amount : new BigInteger[] {twoTo64, twoTo64.shiftLeft(200)}) {
      assertThatThrownBy(() -> new License(POINTER, VERIFIER, amount, "USD", 0))
          .isInstanceOf(InvalidLicenseException.class)
          .hasMessageStartingWith("amount must be at most 18446744073709551615 (2^64-1)");
    }
    // the same limit after converting a decimal price
    assertThat(License.ofPrice(POINTER, VERIFIER, "184467440737095516.15", "USD", 2).amount())
        .isEqualTo(License.MAX_AMOUNT);
    assertThatThrownBy(() -> License.ofPrice(POINTER, VERIFIER, "184467440737095516.16", "USD", 2))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageStartingWith("amount must be at most");
    assertThatThrownBy(() -> License.ofPrice(POINTER, VERIFIER, "18446744073709551616", "USD", 0))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageStartingWith("amount must be at most");
  }

  @Test
  void negativeAmountsAreRefused() {
    assertThatThrownBy(() -> new License(POINTER, VERIFIER, BigInteger.valueOf(-1), "USD", 0))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageStartingWith("amount must be 1..");
    assertThatThrownBy(() -> License.ofPrice(POINTER, VERIFIER, new BigDecimal("-0.01"), "USD", 2))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageStartingWith("amount must be 1..");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ABCDEFGHIJKLM", "US D", "USD\u0000", "ÉUR"})
  void assetCodeIsOneToTwelvePrintableAsciiCharacters(String code) {
    assertThatThrownBy(() -> new License(POINTER, VERIFIER, BigInteger.TEN, code, 2))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageContaining("assetCode");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 256})
  void assetScaleIsZeroTo255(int scale) {
    assertThatThrownBy(() -> new License(POINTER, VERIFIER, BigInteger.TEN, "USD", scale))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageContaining("assetScale");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://v.example", "/relative", "https://u@v.example", "https://v.example/?q=1"})
  void verifierMustBeAnAbsoluteHttpUrl(String verifier) {
    assertThatThrownBy(() -> new License(POINTER, URI.create(verifier), BigInteger.TEN, "USD", 2))
        .isInstanceOf(InvalidLicenseException.class)
        .hasMessageContaining("verifier");
  }

  @Test
  void partialLicenseMatchesTheFullOne() {
    License license = License.ofPrice(POINTER, VERIFIER, "1.07", "USD", 9);
    assertThat(license.partial().matches(license)).isTrue();
    assertThat(
            new PartialLicense(PaymentPointer.parse("$other.example"), VERIFIER).matches(license))
        .isFalse();
    assertThat(license.price()).isEqualByComparingTo("1.07");
  }
}
