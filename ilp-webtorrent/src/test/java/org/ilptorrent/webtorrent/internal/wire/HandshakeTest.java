package org.ilptorrent.webtorrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.internal.wire.WireBytes.hex;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private static final String BYTES =
      "13 | 426974546f7272656e742070726f746f636f6c" // 19 "BitTorrent protocol"
          + "| 0000000000 10 00 05" // reserved: byte 5 0x10 (BEP 10), byte 7 0x04|0x01 (fast, DHT)
          + "| d2474e86c95b19b8bcfdb92bc12c9d44667cfa36" // info hash
          + "| 2d494a303130302d6162636465666768696a6b6c"; // peer id "-IJ0100-abcdefghijkl"

  private static final Handshake HANDSHAKE =
      new Handshake(
          Handshake.EXTENSION_PROTOCOL | Handshake.FAST_EXTENSION | Handshake.DHT,
          InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36"),
          PeerId.fromHex("2d494a303130302d6162636465666768696a6b6c"));

  @Test
  void writesTheTable() {
    ByteBuffer out = ByteBuffer.allocate(Handshake.LENGTH);
    HANDSHAKE.writeTo(out);
    assertThat(out.array()).isEqualTo(hex(BYTES));
  }

  @Test
  void readsTheTableAndItsReservedBits() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(hex(BYTES), 70));
    Handshake read = Handshake.read(in).orElseThrow();
    assertThat(read).isEqualTo(HANDSHAKE);
    assertThat(read.supportsExtensionProtocol()).isTrue();
    assertThat(read.supportsFastExtension()).isTrue();
    assertThat(read.supportsDht()).isTrue();
    assertThat(in.remaining()).as("bytes after the handshake are left").isEqualTo(2);
  }

  @Test
  void theInfoHashIsKnownAfterFortyEightBytes() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(hex(BYTES), 0, 47);
    assertThat(Handshake.peekInfoHash(in)).isEmpty();
    in = ByteBuffer.wrap(hex(BYTES), 0, 48);
    assertThat(Handshake.peekInfoHash(in)).hasValue(HANDSHAKE.infoHash());
    assertThat(in.position()).isZero();
    assertThatThrownBy(() -> Handshake.peekInfoHash(ByteBuffer.wrap(hex("13 41"))))
        .isInstanceOf(PeerProtocolException.class);
  }

  @Test
  void noReservedBits() {
    Handshake plain = new Handshake(0, HANDSHAKE.infoHash(), HANDSHAKE.peerId());
    assertThat(plain.supportsExtensionProtocol()).isFalse();
    assertThat(plain.supportsFastExtension()).isFalse();
    assertThat(plain.supportsDht()).isFalse();
  }

  @Test
  void waitsForAllSixtyEightBytesWithoutConsuming() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(hex(BYTES), 0, 67);
    assertThat(Handshake.read(in)).isEmpty();
    assertThat(in.position()).isZero();
  }

  @Test
  void refusesAnotherProtocolFromTheFirstByte() {
    assertThatThrownBy(() -> Handshake.read(ByteBuffer.wrap(hex("47"))))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageContaining("byte 0");
    byte[] http = "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Handshake.read(ByteBuffer.wrap(http)))
        .isInstanceOf(PeerProtocolException.class);
  }

  @Test
  void peerIdsAreValues() {
    PeerId id = PeerId.generate(new java.util.Random(1));
    assertThat(new String(id.toBytes(), java.nio.charset.StandardCharsets.US_ASCII))
        .startsWith("-IJ0100-")
        .hasSize(20);
    assertThat(PeerId.fromHex(id.toHex())).isEqualTo(id);
    assertThatThrownBy(() -> PeerId.of(new byte[19])).isInstanceOf(IllegalArgumentException.class);
  }
}
