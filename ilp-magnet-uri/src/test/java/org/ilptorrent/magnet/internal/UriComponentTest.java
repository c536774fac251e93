package org.ilptorrent.magnet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UriComponentTest {

  // Expected values are what node's encodeURIComponent prints for the same input.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abcXYZ019        | abcXYZ019",
        "-_.!~*'()        | -_.!~*'()",
        "a b              | a%20b",
        "a+b&c=d?e#f%g    | a%2Bb%26c%3Dd%3Fe%23f%25g",
        "$wallet/alice    | %24wallet%2Falice",
        "é                | %C3%A9",
        "日本             | %E6%97%A5%E6%9C%AC",
        "🎬               | %F0%9F%8E%AC",
        "[::1]:80,;@      | %5B%3A%3A1%5D%3A80%2C%3B%40",
      })
  void encodesLikeJavaScript(String in, String expected) {
    assertThat(UriComponent.encode(in.strip())).isEqualTo(expected.strip());
  }

  @Test
  void decodeReversesEncode() {
    String s = "a b+c/é日🎬%~*'()";
    assertThat(UriComponent.decode(UriComponent.encode(s))).isEqualTo(s);
  }

  @Test
  void decodeKeepsRawCharactersAndAcceptsLowercaseEscapes() {
    assertThat(UriComponent.decode("é%c3%a9+x")).isEqualTo("éé+x");
  }

  @Test
  void loneSurrogatesCannotBeEncoded() {
    assertThatThrownBy(() -> UriComponent.encode("a\uD800b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
    assertThatThrownBy(() -> UriComponent.encode("\uDC00"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%",
        "%4",
        "abc%",
        "%zz",
        "%4g",
        "%C3",
        "%C3%28",
        "%ED%A0%80",
        "%C0%AF",
        "%F8%88%80%80%80",
        "%\uFF11\uFF11"
      })
  void decodeRejectsWhatJavaScriptRejects(String bad) {
    assertThatThrownBy(() -> UriComponent.decode(bad)).isInstanceOf(IllegalArgumentException.class);
  }
}
