package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and malformed magnets: each gives {@link InvalidMagnetUriException} naming what is wrong,
 * never another exception. The timeouts bound the work; they are generous limits, not measurements.
 */
@Timeout(10)
class MagnetUriHostileInputTest {
  private static final String XT = "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "&dn=%",
        "&dn=%4",
        "&dn=%G1",
        "&dn=%C3%28",
        "&dn=%ED%A0%80",
        "&tr=%E0%80%80",
        "&kt=a+%FF",
        "&pp=%24wallet%",
        "&vr=%%%",
        "&so=%2",
      })
  void invalidPercentEscapesNameTheParameter(String tail) {
    String param = tail.substring(1, tail.indexOf('='));
    assertThatThrownBy(() -> MagnetUri.parse(XT + tail))
        .isInstanceOf(InvalidMagnetUriException.class)
        .hasMessageContaining("'" + param + "'")
        .hasMessageContaining("index");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa3g",
        "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa3",
        "magnet:?xt=urn:btih:",
        "magnet:?xt=urn:btih:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "magnet:?xt=urn:btmh:1114aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "magnet:?xt=urn:btmh:1220zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "magnet:?xt=urn:sha1:abc",
        "magnet:?dn=nothing",
        "magnet:?",
      })
  void malformedOrMissingInfoHashes(String uri) {
    assertThatThrownBy(() -> MagnetUri.parse(uri))
        .isInstanceOf(InvalidMagnetUriException.class)
        .hasMessageContaining("'xt'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "&pp=wallet.example",
        "&pp=http%3A%2F%2Fwallet.example%2Fa",
        "&pp=%24user%40wallet.example",
        "&pp=%24wallet.example%2Fa%3Fq",
        "&pp=",
        "&vr=ftp%3A%2F%2Fv.example",
        "&vr=%2Frelative",
        "&vr=",
        "&x.pe=nope",
        "&x.pe=1.2.3.4:0",
        "&ix=-1",
        "&ix=1e3",
        "&so=3-1",
        "&so=a",
        "&so=0-99999999",
        "&so=1,,2",
      })
  void badFieldValuesNameTheParameter(String tail) {
    String param = tail.substring(1, tail.indexOf('='));
    assertThatThrownBy(() -> MagnetUri.parse(XT + tail))
        .isInstanceOf(InvalidMagnetUriException.class)
        .hasMessageContaining("'" + param + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "http://example.com", "magnet:", "magnet:xt=urn:btih:", "magnet"})
  void notAMagnet(String uri) {
    assertThatThrownBy(() -> MagnetUri.parse(uri)).isInstanceOf(InvalidMagnetUriException.class);
    assertThat(MagnetUri.tryParse(uri)).isEmpty();
  }

  @Test
  void nullIsATypedError() {
    assertThatThrownBy(() -> MagnetUri.parse(null)).isInstanceOf(InvalidMagnetUriException.class);
  }

  @Test
  void oneMegabyteStringsAreRefusedUpFront() {
    String huge = XT + "&dn=" + "a".repeat(1_000_000);
    assertThatThrownBy(() -> MagnetUri.parse(huge))
        .isInstanceOf(InvalidMagnetUriException.class)
        .hasMessageContaining("longer than");
    String hugeEscapes = XT + "&dn=" + "%C3%A9".repeat(170_000);
    assertThatThrownBy(() -> MagnetUri.parse(hugeEscapes))
        .isInstanceOf(InvalidMagnetUriException.class);
  }

  @Test
  void largestAcceptedInputParsesQuickly() {
    int count = (MagnetUri.MAX_LENGTH - XT.length() - 4) / 6;
    String big = XT + "&dn=" + "%C3%A9".repeat(count);
    assertThat(MagnetUri.parse(big).name().orElseThrow()).hasSize(count);
  }

  @Test
  void oneHundredThousandParametersAreRefused() {
    String many = XT + "&x".repeat(100_000);
    assertThatThrownBy(() -> MagnetUri.parse(many))
        .isInstanceOf(InvalidMagnetUriException.class)
        .hasMessageContaining("parameters");
    String manyTrackers = XT + "&tr=a".repeat(100_000);
    assertThatThrownBy(() -> MagnetUri.parse(manyTrackers))
        .isInstanceOf(InvalidMagnetUriException.class);
  }

  @Test
  void theMostParametersAllowedStillParse() {
    StringBuilder uri = new StringBuilder(XT);
    for (int i = 1; i < MagnetUri.MAX_PARAMETERS; i++) {
      uri.append("&tr=t").append(i);
    }
    assertThat(MagnetUri.parse(uri.toString()).announce()).hasSize(MagnetUri.MAX_PARAMETERS - 1);
  }

  @Test
  void selectOnlyCannotExpandWithoutBound() {
    assertThatThrownBy(() -> MagnetUri.parse(XT + "&so=0-100000"))
        .isInstanceOf(InvalidMagnetUriException.class)
        .hasMessageContaining("more than");
    assertThatThrownBy(() -> MagnetUri.parse(XT + "&so=0-60000&so=0-60000"))
        .isInstanceOf(InvalidMagnetUriException.class);
  }

  @Test
  void controlCharactersInErrorMessagesAreMasked() {
    assertThatThrownBy(() -> MagnetUri.parse(XT + "&p%0A\u001b[31m=1&pp=bad"))
        .isInstanceOf(InvalidMagnetUriException.class)
        .message()
        .doesNotContain("\u001b");
  }
}
