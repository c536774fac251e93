package org.ilptorrent.webtorrent.internal.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsEveryType() throws Exception {
    Object v = BencodeReader.readWhole(b("d1:ai-42e1:bl3:xyzi0ee1:cdee"));
    assertThat(v).isInstanceOf(Map.class);
    BDict d = BDict.of(v, "test");
    assertThat(d.integer("a")).hasValue(-42);
    assertThat(d.list("b").orElseThrow()).hasSize(2);
    assertThat((byte[]) d.list("b").orElseThrow().get(0)).isEqualTo(b("xyz"));
    assertThat(d.dict("c")).isPresent();
    assertThat(d.integer("missing")).isEmpty();
  }

  @Test
  void keysKeepEveryByte() throws Exception {
    BDict d = BencodeReader.readDict(b("d2:\u00ff\u0001i1ee"));
    assertThat(d.keys()).containsExactly("\u00ff\u0001");
    assertThat(BencodeWriter.write(Map.of("\u00ff\u0001", 1L))).isEqualTo(b("d2:\u00ff\u0001i1ee"));
  }

  @Test
  void writesCanonically() {
    // keys sorted by their bytes whatever the map's order
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", List.of("x", 2L));
    m.put("m", new byte[] {0});
    assertThat(new String(BencodeWriter.write(m), StandardCharsets.ISO_8859_1))
        .isEqualTo("d1:al1:xi2ee1:m1:\u00001:zi1ee");
    assertThat(BencodeWriter.write(Long.MIN_VALUE)).isEqualTo(b("i-9223372036854775808e"));
  }

  @Test
  void roundTripsWhatItWrites() throws Exception {
    byte[] written = BencodeWriter.write(Map.of("n", -7L, "s", "héllo", "l", List.of(List.of())));
    assertThat(BencodeWriter.write(BencodeReader.readWhole(written))).isEqualTo(written);
  }

  @Test
  void acceptsUnsortedKeysFromPeers() throws Exception {
    assertThat(BencodeReader.readDict(b("d1:bi1e1:ai2ee")).integer("a")).hasValue(2);
  }

  @Test
  void aPrefixEndsWhereTheValueEnds() throws Exception {
    byte[] data = b("d1:xi1eeRAW");
    BencodeReader.Prefix p = BencodeReader.readPrefix(data, 0, data.length);
    assertThat(p.end()).isEqualTo(8);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "i01e;          leading zero",
        "i-0e;          minus zero",
        "ie;            empty number",
        "i-e;           empty negative number",
        "i12;           truncated integer",
        "i9223372036854775808e; over 64 bits",
        "01:a;          leading zero in a length",
        "5:abc;         string past the end",
        "l;             unterminated list",
        "d1:ai1e;       unterminated dict",
        "di1ei2ee;      integer key",
        "d1:ai1e1:ai2ee; duplicate key",
        "x;             unknown type",
        "i1ei2e;        trailing bytes",
        "'';            empty input",
        "99999999999999999999:a; length over 64 bits",
      })
  void refusesMalformedInput(String input, String why) {
    assertThatThrownBy(() -> BencodeReader.readWhole(b(input)))
        .as(why)
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageStartingWith("bencode: ")
        .hasMessageContaining("at byte");
  }

  @Test
  void refusesDeepNestingWithoutOverflowingTheStack() {
    byte[] deep = b("l".repeat(100_000) + "e".repeat(100_000));
    assertThatThrownBy(() -> BencodeReader.readWhole(deep))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void wrongTypesNameTheKey() throws Exception {
    BDict d = BencodeReader.readDict(b("d1:ai1e1:b1:xe"));
    assertThatThrownBy(() -> d.bytes("a")).hasMessage("a is not a string");
    assertThatThrownBy(() -> d.integer("b")).hasMessage("b is not an integer");
    assertThatThrownBy(() -> d.dict("a")).hasMessage("a is not a dict");
    assertThatThrownBy(() -> BencodeReader.readDict(b("le"))).hasMessage("message is not a dict");
  }

  @Test
  void randomBytesGiveOnlyProtocolErrors() {
    Random random = new Random(7);
    byte[] alphabet = b("0123456789:ilde-");
    for (int run = 0; run < 5000; run++) {
      byte[] junk = new byte[random.nextInt(40)];
      for (int i = 0; i < junk.length; i++) {
        junk[i] = alphabet[random.nextInt(alphabet.length)];
      }
      try {
        BencodeReader.readWhole(junk);
      } catch (PeerProtocolException expected) {
        // the only failure allowed
      }
    }
  }
}
