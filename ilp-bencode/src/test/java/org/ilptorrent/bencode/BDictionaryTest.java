package org.ilptorrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BDictionaryTest {
  private static final byte[] INPUT =
      "d6:lengthi5e4:listle4:name4:file3:bad2:\u00ff\u00fe3:subdee"
          .getBytes(StandardCharsets.ISO_8859_1);
  private final BDictionary d = Bencode.decodeDictionary(INPUT);

  @Test
  void typedGettersReturnTheirType() {
    assertThat(d.integer("length")).isEqualTo(5);
    assertThat(d.text("name")).isEqualTo("file");
    assertThat(d.string("name")).isEqualTo(BString.of("file"));
    assertThat(d.list("list").items()).isEmpty();
    assertThat(d.dictionary("sub").entries()).isEmpty();
    assertThat(d.findInteger("length")).isEqualTo(OptionalLong.of(5));
    assertThat(d.findInteger("nope")).isEmpty();
    assertThat(d.findText("name")).contains("file");
    assertThat(d.findString("nope")).isEmpty();
    assertThat(d.findList("list")).isPresent();
    assertThat(d.findDictionary("sub")).isPresent();
    assertThat(d.findDictionary("nope")).isEmpty();
    assertThat(d.find("length")).contains(new BInteger(5));
    assertThat(d.find("nope")).isEqualTo(Optional.empty());
    assertThat(d.has("bad")).isTrue();
    assertThat(d.has("nope")).isFalse();
    assertThat(d.get("nope")).isNull();
    assertThat(d.size()).isEqualTo(5);
  }

  @Test
  void aMissingKeyIsNamed() {
    BencodeException e = catchThrowableOfType(BencodeException.class, () -> d.integer("piece"));
    assertThat(e.path()).isEqualTo("piece");
    assertThat(e.reason()).isEqualTo("missing");
    assertThat(e.offset()).isZero();
    assertThat(e.getMessage()).isEqualTo("piece: missing (at byte 0)");

    BencodeException built =
        catchThrowableOfType(
            BencodeException.class, () -> BDictionary.builder().build().string("x"));
    assertThat(built.getMessage()).isEqualTo("x: missing");
    assertThat(built.offset()).isEqualTo(-1);
  }

  @Test
  void aKeyOfAnotherTypeIsNamedWithWhereItsValueStarts() {
    BencodeException e = catchThrowableOfType(BencodeException.class, () -> d.text("length"));
    assertThat(e.getMessage())
        .isEqualTo("length: expected a byte string, found an integer (at byte 9)");
    assertThatThrownBy(() -> d.integer("name"))
        .isInstanceOf(BencodeException.class)
        .hasMessage("name: expected an integer, found a byte string (at byte 26)");
    assertThatThrownBy(() -> d.list("sub"))
        .hasMessageStartingWith("sub: expected a list, found a dictionary");
    assertThatThrownBy(() -> d.dictionary("list"))
        .hasMessageStartingWith("list: expected a dictionary, found a list");
    assertThatThrownBy(() -> d.findInteger("name"))
        .hasMessageStartingWith("name: expected an integer");
  }

  @Test
  void textIsStrictUtf8AndNamesTheKey() {
    BencodeException e = catchThrowableOfType(BencodeException.class, () -> d.text("bad"));
    assertThat(e.path()).isEqualTo("bad");
    assertThat(e.reason()).isEqualTo("not valid UTF-8");
    assertThat(e.offset()).isEqualTo(39);
    assertThat(d.string("bad").text()).isEqualTo("\ufffd\ufffd");
  }

  @Test
  void builderKeepsInsertionOrderAndTheLastValueOfAKey() {
    BDictionary built =
        BDictionary.builder()
            .put("z", 1)
            .put("a", "text")
            .put("b", new byte[] {1, 2})
            .put(BString.of("c"), new BInteger(3))
            .put("z", 2)
            .build();
    assertThat(built.entries().keySet())
        .containsExactly(BString.of("z"), BString.of("a"), BString.of("b"), BString.of("c"));
    assertThat(built.integer("z")).isEqualTo(2);
    assertThat(new String(built.encoded(), StandardCharsets.ISO_8859_1))
        .isEqualTo("d1:a4:text1:b2:\u0001\u00021:ci3e1:zi2ee");
    assertThat(built.toString()).isEqualTo("{z: 2, a: text, b: 0x0102, c: 3}");
  }

  @Test
  void decodedAndBuiltDictionariesAreEqualByContent() {
    BDictionary built =
        BDictionary.builder()
            .put("length", 5)
            .put("list", BList.of())
            .put("name", "file")
            .put("bad", new byte[] {(byte) 0xff, (byte) 0xfe})
            .put("sub", BDictionary.builder().build())
            .build();
    assertThat(d).isEqualTo(built);
    assertThat(built).isEqualTo(d);
    assertThat(d.hashCode()).isEqualTo(built.hashCode());
  }

  @Test
  void entriesCannotBeChanged() {
    assertThatThrownBy(() -> d.entries().put(BString.of("x"), new BInteger(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    BDictionary built = BDictionary.builder().put("x", 1).build();
    assertThatThrownBy(() -> built.entries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void byteStringsCompareUnsignedAndByContent() {
    BString a = BString.of("a");
    BString high = BString.of(new byte[] {(byte) 0x80});
    assertThat(a.compareTo(high)).isNegative();
    assertThat(BString.of("ab").compareTo(BString.of("abc"))).isNegative();
    byte[] array = "xxabyy".getBytes(StandardCharsets.US_ASCII);
    BString view = new BString(array, 2, 4);
    assertThat(view).isEqualTo(BString.of("ab")).hasSameHashCodeAs(BString.of("ab"));
    assertThat(view.length()).isEqualTo(2);
    assertThat(view.byteAt(1)).isEqualTo((byte) 'b');
    assertThat(view.bytes()).containsExactly('a', 'b');
    assertThat(view.buffer().remaining()).isEqualTo(2);
    assertThat(view.contentEquals("ab")).isTrue();
    assertThat(view.contentEquals("a")).isFalse();
    assertThat(BString.of("é").contentEquals("é")).isTrue();
    assertThat(new String(view.encoded(), StandardCharsets.US_ASCII)).isEqualTo("2:ab");
    assertThatThrownBy(() -> new BString(array, 4, 7))
        .isInstanceOf(IndexOutOfBoundsException.class);

    byte[] wrapped = {1};
    assertThat(BString.wrap(wrapped).source()).isSameAs(wrapped);
    assertThat(BString.of(wrapped).source()).isNotSameAs(wrapped);
    assertThat(BString.of("x".repeat(100)).toString()).endsWith("... (100 bytes)");
    assertThat(BString.of("tab\t").toString()).isEqualTo("0x74616209");
  }
}
