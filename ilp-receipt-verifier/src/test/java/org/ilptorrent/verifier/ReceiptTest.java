package org.ilptorrent.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptTest {
  // RFC 39's vector: nonce 16 x 00, secret 32 x 00, stream 1, total 500.
  private static final String RFC_VECTOR =
      "AQAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAfTBIvoCUt67Zy1ZGCP3EOmVFtZzhc85fah8yPnoyL9RMA==";
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void createsTheRfcVector() {
    Receipt r = Receipt.create(new byte[16], 1, 500, new byte[32]);

    assertThat(r.toBase64()).isEqualTo(RFC_VECTOR);
    assertThat(r.toBytes()).hasSize(58);
    assertThat(r.streamId()).isEqualTo(1);
    assertThat(r.totalReceived()).isEqualTo(BigInteger.valueOf(500));
    assertThat(r.verify(new byte[32])).isTrue();
    assertThat(Receipt.fromBase64(RFC_VECTOR)).isEqualTo(r);
  }

  static Stream<Named<JsonNode>> npmVectors() throws Exception {
    try (InputStream in = ReceiptTest.class.getResourceAsStream("receipt-vectors.json")) {
      List<Named<JsonNode>> out = new ArrayList<>();
      new ObjectMapper()
          .readTree(in)
          .get("vectors")
          .forEach(v -> out.add(Named.of(v.get("totalReceived").asText(), v)));
      return out.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("npmVectors")
  void matchesIlpProtocolStream(JsonNode v) {
    byte[] seed = HEX.parseHex(v.get("seed").asText());
    byte[] nonce = HEX.parseHex(v.get("nonce").asText());
    byte[] secret = Receipt.secret(seed, nonce);
    Receipt theirs = Receipt.fromBase64(v.get("receipt").asText());

    assertThat(HEX.formatHex(secret)).isEqualTo(v.get("secret").asText());
    assertThat(theirs.verify(secret)).isTrue();
    assertThat(theirs.nonce()).isEqualTo(nonce);
    assertThat(theirs.streamId()).isEqualTo(v.get("streamId").asInt());
    assertThat(theirs.totalReceived()).isEqualTo(new BigInteger(v.get("totalReceived").asText()));
    Receipt ours =
        Receipt.create(
            nonce,
            v.get("streamId").asInt(),
            Long.parseUnsignedLong(v.get("totalReceived").asText()),
            secret);
    assertThat(ours.toBase64()).isEqualTo(v.get("receipt").asText());
  }

  @Test
  void acceptsUrlSafeAndUnpaddedBase64() {
    String urlSafe =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Receipt.fromBase64(RFC_VECTOR).toBytes());
    assertThat(Receipt.fromBase64(urlSafe).toBase64()).isEqualTo(RFC_VECTOR);
    assertThat(Receipt.fromBase64(RFC_VECTOR.replace("=", "")))
        .isEqualTo(Receipt.fromBase64(RFC_VECTOR));
  }

  @Test
  void aWrongSecretOrAlteredByteFailsVerification() {
    Receipt r = Receipt.fromBase64(RFC_VECTOR);
    byte[] other = new byte[32];
    other[0] = 1;
    assertThat(r.verify(other)).isFalse();
    for (int i = 0; i < 58; i++) {
      byte[] altered = r.toBytes();
      altered[i] ^= 0x01;
      if (i == 0) {
        assertThatThrownBy(() -> Receipt.decode(altered)).hasMessage("invalid version");
      } else {
        assertThat(Receipt.decode(altered).verify(new byte[32])).as("byte %d", i).isFalse();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "AQ==",
        "not base64 at all!",
        "AQAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAfTBIvoCUt67Zy1ZGCP3EOmVFtZzhc85fah8yPnoyL9RMAAA",
      })
  void malformedInputIsReceiptMalformed(String text) {
    assertThatThrownBy(() -> Receipt.fromBase64(text))
        .isInstanceOf(InvalidReceiptException.class)
        .hasMessage("receipt malformed");
  }

  @Test
  void versionOtherThanOneIsRefused() {
    byte[] bytes = Receipt.fromBase64(RFC_VECTOR).toBytes();
    bytes[0] = 2;
    assertThatThrownBy(() -> Receipt.decode(bytes)).hasMessage("invalid version");
    assertThatThrownBy(() -> Receipt.fromBase64("x".repeat(10_000)))
        .hasMessage("receipt malformed");
  }
}
