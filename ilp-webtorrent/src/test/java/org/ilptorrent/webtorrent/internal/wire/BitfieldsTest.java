package org.ilptorrent.webtorrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.internal.wire.WireBytes.hex;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class BitfieldsTest {

  @Test
  void bitSevenOfByteZeroIsPieceZero() throws Exception {
    // 10 pieces: 0, 7, 8 and 9 -> 1000 0001 | 1100 0000
    BitSet pieces = Bitfields.toBitSet(hex("81 c0"), 10);
    assertThat(pieces.stream()).containsExactly(0, 7, 8, 9);
    assertThat(Bitfields.toBytes(pieces, 10)).isEqualTo(hex("81 c0"));
    assertThat(Bitfields.isFull(pieces, 10)).isFalse();
  }

  @Test
  void aFullBitfield() throws Exception {
    BitSet all = Bitfields.toBitSet(hex("ff ff c0"), 18);
    assertThat(Bitfields.isFull(all, 18)).isTrue();
    assertThat(all.cardinality()).isEqualTo(18);
  }

  @Test
  void refusesAWrongLengthOrSpareBits() {
    assertThatThrownBy(() -> Bitfields.toBitSet(hex("ff"), 10))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageContaining("want 2");
    assertThatThrownBy(() -> Bitfields.toBitSet(hex("ff e0"), 10))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageContaining("spare bits");
    assertThatThrownBy(() -> Bitfields.toBitSet(hex("ff ff ff"), 10))
        .isInstanceOf(PeerProtocolException.class);
  }
}
