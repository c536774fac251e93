package org.ilptorrent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of RFC 29's StreamPacketFixtures.json, then hostile input. */
class StreamPacketCodecTest {

  static Stream<Named<JsonNode>> fixtures() throws Exception {
    try (InputStream in =
        StreamPacketCodecTest.class.getResourceAsStream("StreamPacketFixtures.json")) {
      List<Named<JsonNode>> out = new ArrayList<>();
      new ObjectMapper().readTree(in).forEach(f -> out.add(Named.of(f.get("name").asText(), f)));
      return out.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readsAndWritesEveryRfcVector(JsonNode fixture) {
    byte[] buffer = Base64.getDecoder().decode(fixture.get("buffer").asText());
    StreamPacket expected = packet(fixture.get("packet"));

    StreamPacket decoded = StreamPacketCodec.decode(buffer);

    assertThat(decoded).isEqualTo(expected);
    if (!fixture.path("decode_only").asBoolean(false)) {
      assertThat(StreamPacketCodec.encode(expected)).isEqualTo(buffer);
    }
  }

  @Test
  void skipsFramesOfUnknownTypes() {
    // version 1, prepare, sequence 0, amount 0, 2 frames: type 0x99 (3 bytes), StreamMoney 123/1
    byte[] bytes = {1, 12, 1, 0, 1, 0, 1, 2, (byte) 0x99, 3, 1, 2, 3, 0x11, 4, 1, 123, 1, 1};
    StreamPacket p = StreamPacketCodec.decode(bytes);
    assertThat(p.frames()).containsExactly(new StreamFrame.StreamMoney(123, 1));
  }

  @Test
  void readsReceiptFrames() {
    byte[] receipt = new byte[58];
    receipt[0] = 1;
    StreamPacket p =
        new StreamPacket(
            StreamPacket.FULFILL, 7, 1000, List.of(new StreamFrame.StreamReceipt(1, receipt)));
    StreamPacket back = StreamPacketCodec.decode(StreamPacketCodec.encode(p));
    assertThat(back).isEqualTo(p);
    assertThat(((StreamFrame.StreamReceipt) back.frames().get(0)).receipt()).isEqualTo(receipt);
  }

  @Test
  void everyTruncationIsATypedError() throws Exception {
    for (Named<JsonNode> f : fixtures().toList()) {
      byte[] buffer = Base64.getDecoder().decode(f.getPayload().get("buffer").asText());
      for (int n = 0; n < buffer.length; n++) {
        byte[] cut = java.util.Arrays.copyOf(buffer, n);
        Throwable t = catchThrowable(() -> StreamPacketCodec.decode(cut));
        assertThat(t)
            .as("%s cut at %d", f.getName(), n)
            .isInstanceOf(InvalidStreamPacketException.class);
      }
    }
  }

  @Test
  void hostileHeadersAreRefused() {
    assertThatThrownBy(() -> StreamPacketCodec.decode(new byte[] {2, 12, 1, 0, 1, 0, 1, 0}))
        .hasMessageStartingWith("version");
    assertThatThrownBy(() -> StreamPacketCodec.decode(new byte[] {1, 9, 1, 0, 1, 0, 1, 0}))
        .hasMessageStartingWith("packetType");
    assertThatThrownBy(
            () -> StreamPacketCodec.decode(new byte[] {1, 12, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1}))
        .hasMessageStartingWith("sequence");
    assertThatThrownBy(
            () -> StreamPacketCodec.decode(new byte[] {1, 12, 1, 0, 1, 0, 4, 0x7f, -1, -1, -1}))
        .hasMessageStartingWith("frames");
    assertThatThrownBy(
            () ->
                StreamPacketCodec.decode(
                    new byte[] {1, 12, 1, 0, 1, 0, 1, 1, 0x11, (byte) 0x83, -1, -1, -1}))
        .isInstanceOf(InvalidStreamPacketException.class);
  }

  @Test
  void randomBytesGiveOnlyTheTypedError() {
    Random random = new Random(29);
    for (int i = 0; i < 50_000; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      if (bytes.length > 1 && random.nextBoolean()) {
        bytes[0] = 1;
        bytes[1] = 12;
      }
      Throwable t = catchThrowable(() -> StreamPacketCodec.decode(bytes));
      if (t != null) {
        assertThat(t).isInstanceOf(InvalidStreamPacketException.class);
      }
    }
  }

  private static StreamPacket packet(JsonNode p) {
    List<StreamFrame> frames = new ArrayList<>();
    for (JsonNode f : p.get("frames")) {
      frames.add(frame(f));
    }
    return new StreamPacket(
        p.get("packetType").asInt(), u64(p, "sequence"), u64(p, "amount"), frames);
  }

  private static StreamFrame frame(JsonNode f) {
    return switch (f.get("type").asInt()) {
      case 0x01 ->
          new StreamFrame.ConnectionClose(
              f.get("errorCode").asInt(), f.get("errorMessage").asText());
      case 0x02 -> new StreamFrame.ConnectionNewAddress(f.get("sourceAccount").asText());
      case 0x03 -> new StreamFrame.ConnectionMaxData(u64(f, "maxOffset"));
      case 0x04 -> new StreamFrame.ConnectionDataBlocked(u64(f, "maxOffset"));
      case 0x05 -> new StreamFrame.ConnectionMaxStreamId(u64(f, "maxStreamId"));
      case 0x06 -> new StreamFrame.ConnectionStreamIdBlocked(u64(f, "maxStreamId"));
      case 0x07 ->
          new StreamFrame.ConnectionAssetDetails(
              f.get("sourceAssetCode").asText(), f.get("sourceAssetScale").asInt());
      case 0x10 ->
          new StreamFrame.StreamClose(
              u64(f, "streamId"), f.get("errorCode").asInt(), f.get("errorMessage").asText());
      case 0x11 -> new StreamFrame.StreamMoney(u64(f, "streamId"), u64(f, "shares"));
      case 0x12 ->
          new StreamFrame.StreamMaxMoney(
              u64(f, "streamId"), u64(f, "receiveMax"), u64(f, "totalReceived"));
      case 0x13 ->
          new StreamFrame.StreamMoneyBlocked(
              u64(f, "streamId"), u64(f, "sendMax"), u64(f, "totalSent"));
      case 0x14 ->
          new StreamFrame.StreamData(
              u64(f, "streamId"),
              u64(f, "offset"),
              Base64.getDecoder().decode(f.get("data").asText()));
      case 0x15 -> new StreamFrame.StreamMaxData(u64(f, "streamId"), u64(f, "maxOffset"));
      case 0x16 -> new StreamFrame.StreamDataBlocked(u64(f, "streamId"), u64(f, "maxOffset"));
      case 0x17 ->
          new StreamFrame.StreamReceipt(
              u64(f, "streamId"), Base64.getDecoder().decode(f.get("receipt").asText()));
      default -> throw new IllegalArgumentException("fixture frame " + f);
    };
  }

  private static long u64(JsonNode node, String field) {
    return Long.parseUnsignedLong(node.get(field).asText());
  }
}
