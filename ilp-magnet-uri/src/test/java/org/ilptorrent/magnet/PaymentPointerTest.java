package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentPointerTest {

  @ParameterizedTest
  @CsvSource({
    "$wallet.example/alice, https://wallet.example/alice",
    "$wallet.example, https://wallet.example/.well-known/pay",
    "$wallet.example/, https://wallet.example/.well-known/pay",
    "$wallet.example:8443/a/b, https://wallet.example:8443/a/b",
    "$localhost:3000/bob, https://localhost:3000/bob",
    "https://wallet.example/alice/pay, https://wallet.example/alice/pay",
    "http://127.0.0.1:8080/spsp/abc, http://127.0.0.1:8080/spsp/abc",
    "http://localhost:3000/alice, http://localhost:3000/alice",
    "http://[::1]:3000/alice, http://[::1]:3000/alice",
  })
  void resolvesToTheSpspUrl(String pointer, String url) {
    PaymentPointer p = PaymentPointer.parse(pointer);
    assertThat(p.toUrl()).hasToString(url);
    assertThat(p).hasToString(pointer).isEqualTo(PaymentPointer.parse(pointer));
    assertThat(p.isDollarForm()).isEqualTo(pointer.startsWith("$"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "$",
        "wallet.example/alice",
        "ftp://wallet.example/alice",
        "http://wallet.example/alice",
        "http://10.0.0.1/alice",
        "http://127.0.0.1.example.com/alice",
        "$user@wallet.example/alice",
        "$wallet.example/alice?x=1",
        "$wallet.example/alice#frag",
        "$wallet example/alice",
        "$wallet.example/al\nice",
        "$wallet.example:0/alice",
        "$wallet.example:99999/alice",
        "https:///alice",
        "$[::1/alice",
      })
  void rejectsWhatIsNotAPointer(String bad) {
    assertThatThrownBy(() -> PaymentPointer.parse(bad))
        .isInstanceOf(InvalidPaymentPointerException.class)
        .message()
        .doesNotContain("\n");
    assertThat(PaymentPointer.tryParse(bad)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {PaymentPointer.MAX_LENGTH + 1, 1_000_000})
  void rejectsOverlongPointers(int length) {
    String huge = "$w.example/" + "a".repeat(length);
    assertThatThrownBy(() -> PaymentPointer.parse(huge))
        .isInstanceOf(InvalidPaymentPointerException.class)
        .hasMessageContaining("longer than");
  }
}
