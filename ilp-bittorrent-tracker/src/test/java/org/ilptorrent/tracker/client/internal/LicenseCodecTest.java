package org.ilptorrent.tracker.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicenseCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD =
      "{\"amount\":\"18446744073709551615\",\"assetCode\":\"XRP\",\"assetScale\":9,"
          + "\"paymentPointer\":\"$w.example/a\",\"verifier\":\"http://127.0.0.1:9/\"}";

  @Test
  void readsTheJsonLicence() throws Exception {
    var license = LicenseCodec.fromJson(JSON.readTree(GOOD));
    assertThat(license.amount()).isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(license.assetCode()).isEqualTo("XRP");
    assertThat(license.assetScale()).isEqualTo(9);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"amount\":\"18446744073709551615\"|\"amount\":\"1.5\"|license.amount is not a decimal integer",
        "\"assetScale\":9|\"assetScale\":\"9\"|license.assetScale is not an integer",
        "\"assetCode\":\"XRP\"|\"assetCode\":3|license.assetCode is missing or not a string",
        "\"verifier\":\"http://127.0.0.1:9/\"|\"verifier\":\"ftp://x\"|verifier",
        "\"amount\":\"18446744073709551615\"|\"amount\":\"18446744073709551616\"|amount must be",
      })
  void refusesABrokenLicence(String from, String to, String message) throws Exception {
    var node = JSON.readTree(GOOD.replace(from, to));
    assertThatThrownBy(() -> LicenseCodec.fromJson(node))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesWhatIsNotAnObject() throws Exception {
    assertThatThrownBy(() -> LicenseCodec.fromJson(JSON.readTree("[]")))
        .hasMessage("license is not an object");
  }
}
