package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InfoHashTest {
  private static final String HEX = "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";
  // The same 20 bytes in RFC 4648 base32.
  private static final String BASE32 = "2JDU5BWJLMM3RPH5XEV4CLE5IRTHZ6RW";

  @Test
  void readsHexOfEitherCaseAndWritesLowercase() {
    InfoHash upper = InfoHash.fromHex(HEX.toUpperCase());
    assertThat(upper.toHex()).isEqualTo(HEX);
    assertThat(upper).isEqualTo(InfoHash.fromHex(HEX)).hasSameHashCodeAs(InfoHash.fromHex(HEX));
    assertThat(upper.version()).isEqualTo(1);
    assertThat(upper.toString()).isEqualTo(HEX);
    assertThat(upper.toUrn()).isEqualTo("urn:btih:" + HEX);
  }

  @Test
  void readsAndWritesBase32() {
    assertThat(InfoHash.fromBase32(BASE32).toHex()).isEqualTo(HEX);
    assertThat(InfoHash.fromBase32(BASE32.toLowerCase()).toHex()).isEqualTo(HEX);
    assertThat(InfoHash.fromHex(HEX).toBase32()).isEqualTo(BASE32);
    assertThat(InfoHash.parse(BASE32)).isEqualTo(InfoHash.parse(HEX));
  }

  @Test
  void copiesBytesOnTheWayInAndOut() {
    byte[] raw = InfoHash.fromHex(HEX).toBytes();
    InfoHash hash = InfoHash.of(raw);
    raw[0] = 0;
    assertThat(hash.toHex()).isEqualTo(HEX);
    hash.toBytes()[1] = 0;
    assertThat(hash.toHex()).isEqualTo(HEX);
  }

  @Test
  void readsV2FromHexAndMultihash() {
    String v2 = "a".repeat(64);
    InfoHash fromHex = InfoHash.fromHex(v2);
    assertThat(fromHex.version()).isEqualTo(2);
    assertThat(InfoHash.fromMultihash("1220" + v2)).isEqualTo(fromHex);
    assertThat(fromHex.toUrn()).isEqualTo("urn:btmh:1220" + v2);
    assertThat(fromHex.toBase32()).hasSize(52);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "d2474e86c95b19b8bcfdb92bc12c9d44667cfa3",
        "d2474e86c95b19b8bcfdb92bc12c9d44667cfa3g",
        "d2474e86c95b19b8bcfdb92bc12c9d44667cfa3\uFF10",
        "2JDU5BWJLMM3RPH5XEV4CLE5IRTHZ6R1",
        "2JDU5BWJLMM3RPH5XEV4CLE5IRTHZ6R\u0131",
      })
  void rejectsMalformedText(String bad) {
    assertThatThrownBy(() -> InfoHash.parse(bad)).isInstanceOf(InvalidInfoHashException.class);
    assertThat(InfoHash.tryParse(bad)).isEmpty();
  }

  @Test
  void rejectsWrongMultihashAndLengths() {
    assertThatThrownBy(() -> InfoHash.fromMultihash("1114" + "a".repeat(40)))
        .isInstanceOf(InvalidInfoHashException.class)
        .hasMessageContaining("1220");
    assertThatThrownBy(() -> InfoHash.of(new byte[19]))
        .isInstanceOf(InvalidInfoHashException.class)
        .hasMessageContaining("19");
    assertThatThrownBy(() -> InfoHash.of(null)).isInstanceOf(InvalidInfoHashException.class);
    assertThatThrownBy(() -> InfoHash.parse(null)).isInstanceOf(InvalidInfoHashException.class);
  }
}
