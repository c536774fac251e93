package org.ilptorrent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ILP packets byte for byte as npm ilp-packet writes them, and hostile input. */
class IlpPacketCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<JsonNode> vectors() throws Exception {
    try (InputStream in =
        IlpPacketCodecTest.class.getResourceAsStream("stream-crypto-vectors.json")) {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("ilpPackets").forEach(out::add);
      return out.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void sameBytesAsIlpPacket(JsonNode v) {
    byte[] buffer = Base64.getDecoder().decode(v.get("buffer").asText());
    byte[] data = Base64.getDecoder().decode(v.get("data").asText());
    IlpPacket expected =
        switch (v.get("kind").asText()) {
          case "prepare" ->
              new IlpPacket.Prepare(
                  Long.parseUnsignedLong(v.get("amount").asText()),
                  Instant.parse(v.get("expiresAt").asText()),
                  HEX.parseHex(v.get("executionCondition").asText()),
                  v.get("destination").asText(),
                  data);
          case "fulfill" ->
              new IlpPacket.Fulfill(HEX.parseHex(v.get("fulfillment").asText()), data);
          default ->
              new IlpPacket.Reject(
                  v.get("code").asText(),
                  v.get("triggeredBy").asText(),
                  v.get("message").asText(),
                  data);
        };

    assertThat(IlpPacketCodec.encode(expected)).isEqualTo(buffer);
    assertThat(IlpPacketCodec.decode(buffer)).isEqualTo(expected);
  }

  @Test
  void truncationsAndRandomBytesGiveOnlyTheTypedError() throws Exception {
    for (JsonNode v : vectors().toList()) {
      byte[] buffer = Base64.getDecoder().decode(v.get("buffer").asText());
      for (int n = 0; n < buffer.length; n += 3) {
        byte[] cut = java.util.Arrays.copyOf(buffer, n);
        assertThat(catchThrowable(() -> IlpPacketCodec.decode(cut)))
            .isInstanceOf(InvalidStreamPacketException.class);
      }
    }
    Random random = new Random(27);
    for (int i = 0; i < 50_000; i++) {
      byte[] bytes = new byte[random.nextInt(120)];
      random.nextBytes(bytes);
      if (bytes.length > 0) {
        bytes[0] = (byte) (12 + random.nextInt(3));
      }
      Throwable t = catchThrowable(() -> IlpPacketCodec.decode(bytes));
      if (t != null) {
        assertThat(t).isInstanceOf(InvalidStreamPacketException.class);
      }
    }
  }

  @Test
  void refusesBadAddressesAndCodes() {
    assertThatThrownBy(
            () -> new IlpPacket.Prepare(1, Instant.EPOCH, new byte[32], "nowhere", new byte[0]))
        .hasMessageContaining("ILP address");
    assertThatThrownBy(() -> new IlpPacket.Reject("F9", "", "", new byte[0]))
        .hasMessageContaining("code");
    assertThatThrownBy(() -> new IlpPacket.Fulfill(new byte[31], new byte[0]))
        .hasMessageContaining("32 bytes");
  }
}
