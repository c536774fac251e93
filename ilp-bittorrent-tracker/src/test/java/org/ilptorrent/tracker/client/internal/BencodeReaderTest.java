package org.ilptorrent.tracker.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeReaderTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsEveryShape() {
    Map<String, Object> d =
        BencodeReader.readDictionary(b("d1:ai-42e1:bl0:i0ee1:c3:\u00ff\u0000xe"), 1024);
    assertThat(d.get("a")).isEqualTo(-42L);
    assertThat((List<?>) d.get("b")).hasSize(2);
    assertThat((byte[]) d.get("c")).containsExactly(0xFF, 0x00, 'x');
    assertThat(BencodeReader.read(b("i9223372036854775807e"), 100)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void keepsRawKeyBytes() {
    Map<String, Object> d = BencodeReader.readDictionary(b("d2:\u00ff\u0001i1ee"), 100);
    assertThat(d).containsKey("\u00ff\u0001");
  }

  @Test
  void acceptsUnsortedKeysAsRealTrackersSendThem() {
    assertThat(BencodeReader.readDictionary(b("d1:bi1e1:ai2ee"), 100)).containsKeys("a", "b");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "i01e|leading zero at byte 1",
        "i-0e|negative zero at byte 1",
        "ie|empty integer at byte 1",
        "i12|unexpected end of input at byte 3",
        "i1x2e|expected a digit or 'e' at byte 2",
        "i99999999999999999999e|integer out of range at byte 1",
        "5:abc|string of 5 bytes runs past the end at byte 0",
        "03:abc|leading zero at byte 0",
        "d1:ai1e1:ai2ee|duplicate dictionary key at byte 7",
        "di1ei2ee|dictionary key is not a byte string at byte 1",
        "i1ei2e|trailing bytes after the value at byte 3",
        "x|unexpected byte 0x78 at byte 0",
        "l|unexpected end of input at byte 1",
        "''|unexpected end of input at byte 0",
      })
  void refusesMalformedInputWithTheOffset(String input, String message) {
    assertThatThrownBy(() -> BencodeReader.read(b(input), 100))
        .isInstanceOf(BencodeException.class)
        .hasMessage(message);
  }

  @Test
  void boundsSizeAndDepth() {
    assertThatThrownBy(() -> BencodeReader.read(new byte[101], 100))
        .isInstanceOf(BencodeException.class)
        .hasMessageContaining("longer than 100 bytes");
    String deep = "l".repeat(40) + "e".repeat(40);
    assertThatThrownBy(() -> BencodeReader.read(b(deep), 1000))
        .isInstanceOf(BencodeException.class)
        .hasMessageContaining("nested deeper than 32");
  }

  @Test
  void aTopLevelListIsNotADictionary() {
    assertThatThrownBy(() -> BencodeReader.readDictionary(b("le"), 10))
        .hasMessage("the answer is not a dictionary at byte 0");
  }
}
