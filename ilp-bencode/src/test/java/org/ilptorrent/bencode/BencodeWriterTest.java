package org.ilptorrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BencodeWriterTest {

  private static String s(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Test
  void writesKeysInUnsignedByteOrder() {
    BDictionary d =
        BDictionary.builder()
            .put(BString.of(new byte[] {(byte) 0xff}), 1)
            .put("b", 2)
            .put("ab", 3)
            .put("a", 4)
            .put(BString.of(new byte[] {0x7f}), 5)
            .build();
    assertThat(s(Bencode.encode(d))).isEqualTo("d1:ai4e2:abi3e1:bi2e1:\u007fi5e1:\u00ffi1ee");
  }

  @Test
  void writesPieceByPiece() {
    byte[] bytes =
        new BencodeWriter()
            .beginDictionary()
            .key("a")
            .beginList()
            .integer(-1)
            .string("x")
            .string(new byte[] {0})
            .string(BString.of("y"))
            .value(BDictionary.builder().put("k", "v").build())
            .end()
            .key("b")
            .raw("i7e".getBytes(StandardCharsets.US_ASCII))
            .end()
            .toByteArray();
    assertThat(s(bytes)).isEqualTo("d1:ali-1e1:x1:\u00001:yd1:k1:vee1:bi7ee");
  }

  @Test
  void refusesMisuse() {
    assertThatThrownBy(() -> new BencodeWriter().beginDictionary().key("b").integer(1).key("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after");
    assertThatThrownBy(() -> new BencodeWriter().beginDictionary().key("a").integer(1).key("a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BencodeWriter().beginDictionary().integer(1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new BencodeWriter().beginDictionary().key("a").end())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new BencodeWriter().beginList().key("a"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new BencodeWriter().end()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new BencodeWriter().beginList().toByteArray())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void exactKeepsDecodedContainersAndSortsBuiltOnes() {
    BDictionary info =
        Bencode.decodeDictionary("d1:bi1e1:ai2ee".getBytes(StandardCharsets.US_ASCII));
    BList list = (BList) Bencode.decode("ld1:zi1e1:yi2eee".getBytes(StandardCharsets.US_ASCII));
    BDictionary outer =
        BDictionary.builder().put("z", info).put("y", list).put("x", BList.of(info)).build();
    assertThat(s(Bencode.encodeExact(outer)))
        .isEqualTo("d1:xld1:bi1e1:ai2eee1:yld1:zi1e1:yi2eee1:zd1:bi1e1:ai2eee");
    assertThat(s(Bencode.encode(outer)))
        .isEqualTo("d1:xld1:ai2e1:bi1eee1:yld1:yi2e1:zi1eee1:zd1:ai2e1:bi1eee");
    assertThat(s(new BencodeWriter().exact(info).toByteArray())).isEqualTo("d1:bi1e1:ai2ee");
    assertThat(new BencodeWriter().value(info).size()).isEqualTo(14);
  }

  @Test
  void writesEveryIntegerAndLength() {
    assertThat(s(Bencode.encode(new BInteger(Long.MIN_VALUE)))).isEqualTo("i-9223372036854775808e");
    assertThat(s(Bencode.encode(new BInteger(0)))).isEqualTo("i0e");
    assertThat(s(Bencode.encode(BString.of("")))).isEqualTo("0:");
    assertThat(Bencode.encode(BString.of(new byte[70_000]))).hasSize(70_006);
    assertThat(s(new BInteger(-5).encoded())).isEqualTo("i-5e");
  }
}
