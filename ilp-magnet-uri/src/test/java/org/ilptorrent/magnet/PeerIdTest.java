package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerIdTest {
  @Test
  void bytesAreCopiedInAndOut() {
    byte[] raw = "-IJ0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    PeerId id = PeerId.of(raw);
    raw[0] = 'X';
    assertThat(id.toBytes()[0]).isEqualTo((byte) '-');
    id.toBytes()[1] = 'X';
    assertThat(id.toBytes()[1]).isEqualTo((byte) 'I');
    assertThat(PeerId.fromHex(id.toHex())).isEqualTo(id).hasSameHashCodeAs(id);
    assertThat(id).hasToString("2d494a303130302d6162636465666768696a6b6c");
  }

  @Test
  void generatedIdsCarryThePrefixAndAlphanumerics() {
    PeerId id = PeerId.generate(new Random(1));
    String text = new String(id.toBytes(), StandardCharsets.US_ASCII);
    assertThat(text).startsWith("-IJ0100-").matches("-IJ0100-[0-9A-Za-z]{12}");
    assertThat(PeerId.generate(new Random(1))).isEqualTo(id);
    assertThat(PeerId.random()).isNotEqualTo(PeerId.random());
  }

  @Test
  void refusesWrongLengthsAndDigits() {
    assertThatThrownBy(() -> PeerId.of(new byte[19])).hasMessage("a peer id is 20 bytes, got 19");
    assertThatThrownBy(() -> PeerId.of(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerId.fromHex("ab")).hasMessage("a hex peer id is 40 digits");
    assertThatThrownBy(() -> PeerId.fromHex("zz".repeat(20)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
