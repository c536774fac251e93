package org.ilptorrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeReaderTest {

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static BencodeException refused(BencodeReader reader, byte[] input) {
    return catchThrowableOfType(BencodeException.class, () -> reader.decode(input));
  }

  @Test
  void readsEachKindOfValue() {
    assertThat(Bencode.decode(b("i42e"))).isEqualTo(new BInteger(42));
    assertThat(Bencode.decode(b("i-42e"))).isEqualTo(new BInteger(-42));
    assertThat(Bencode.decode(b("i0e"))).isEqualTo(new BInteger(0));
    assertThat(Bencode.decode(b("i9223372036854775807e"))).isEqualTo(new BInteger(Long.MAX_VALUE));
    assertThat(Bencode.decode(b("i-9223372036854775808e"))).isEqualTo(new BInteger(Long.MIN_VALUE));
    assertThat(Bencode.decode(b("4:spam"))).isEqualTo(BString.of("spam"));
    assertThat(Bencode.decode(b("0:"))).isEqualTo(BString.of(""));
    assertThat(Bencode.decode(b("l4:spami7ee")))
        .isEqualTo(BList.of(BString.of("spam"), new BInteger(7)));
    assertThat(Bencode.decode(b("le"))).isEqualTo(BList.of());
    assertThat(Bencode.decode(b("de"))).isEqualTo(BDictionary.builder().build());
    assertThat(Bencode.decodeDictionary(b("d3:cow3:moo4:spaml1:a1:bee")))
        .isEqualTo(
            BDictionary.builder()
                .put("cow", "moo")
                .put("spam", BList.of(BString.of("a"), BString.of("b")))
                .build());
  }

  @Test
  void byteStringsAreViewsOfTheInput() {
    byte[] input = b("l4:spame");
    BString spam = (BString) ((BList) Bencode.decode(input)).get(0);
    assertThat(spam.source()).isSameAs(input);
    assertThat(spam.from()).isEqualTo(3);
    assertThat(spam.to()).isEqualTo(7);
  }

  @Test
  void roundTripsCanonicalInputByteForByte() {
    for (String s :
        List.of(
            "i0e",
            "i-1e",
            "0:",
            "le",
            "de",
            "d1:ad1:bl1:ci1ei-2edeleee1:d0:e",
            "d8:announce3:url4:infod6:lengthi5e4:name1:x12:piece lengthi16384e6:pieces0:ee")) {
      BValue v = Bencode.decode(b(s));
      assertThat(new String(Bencode.encode(v), StandardCharsets.ISO_8859_1)).isEqualTo(s);
      assertThat(new String(v.encoded(), StandardCharsets.ISO_8859_1)).isEqualTo(s);
    }
  }

  @ParameterizedTest(name = "{0} -> byte {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|0|truncated: no value",
        "x|0|unexpected byte 0x78",
        "i03e|0|integer has a leading zero",
        "i00e|0|integer has a leading zero",
        "i-0e|0|integer is -0",
        "i-03e|0|integer is -0",
        "ie|0|malformed integer",
        "i-e|0|malformed integer",
        "i+1e|0|malformed integer",
        "i1.5e|0|malformed integer",
        "i9223372036854775808e|0|integer is beyond 64 bits",
        "i-9223372036854775809e|0|integer is beyond 64 bits",
        "i123456789012345678901234567890e|0|integer is beyond 64 bits",
        "i12|3|truncated: input ends inside a value",
        "i|1|truncated: input ends inside a value",
        "5:abc|0|truncated: string of 5 bytes runs past the end",
        "4294967296:x|0|truncated: string of 4294967296 bytes runs past the end",
        "99999999999:x|0|string length is too large",
        "03:abc|0|string length has a leading zero",
        "3abc|1|string length is not followed by ':'",
        "3|1|truncated: input ends inside a value",
        "-3:abc|0|unexpected byte 0x2d",
        "l-3:abce|1|unexpected byte 0x2d",
        "l|1|truncated: input ends inside a value",
        "li1e|4|truncated: input ends inside a value",
        "lli1ee|6|truncated: input ends inside a value",
        "d|1|truncated: input ends inside a value",
        "d3:foo|6|truncated: input ends inside a value",
        "d3:fooi1e|9|truncated: input ends inside a value",
        "d3:fooe|6|key has no value",
        "di1ei2ee|1|dictionary key is not a byte string",
        "dle1:ae|1|dictionary key is not a byte string",
        "d-1:ai1ee|1|dictionary key is not a byte string",
        "d1:ai1e1:ai2ee|7|duplicate dictionary key",
        "d1:bi1e1:ai2e1:bi3ee|13|duplicate dictionary key",
        "i1ei2e|3|3 trailing bytes after the value",
        "lee|2|1 trailing bytes after the value",
        "4:spamxyz|6|3 trailing bytes after the value",
        "e|0|unexpected byte 0x65",
      })
  void refusesMalformedInputAtItsOffset(String input, long offset, String reason) {
    BencodeException e = refused(BencodeReader.defaults(), b(input));
    assertThat(e).as(input).isNotNull();
    assertThat(e.reason()).as(input).isEqualTo(reason);
    assertThat(e.offset()).as(input).isEqualTo(offset);
    assertThat(e.getMessage()).contains("(at byte " + offset + ")");
  }

  @Test
  void errorsNameThePathOfTheFaultyValue() {
    byte[] input = b("d4:infod5:filesld6:lengthi1eed6:lengthi01eeeee");
    BencodeException e = refused(BencodeReader.defaults(), input);
    assertThat(e.path()).isEqualTo("info.files[1].length");
    assertThat(e.offset())
        .isEqualTo(new String(input, StandardCharsets.ISO_8859_1).indexOf("i01e"));
    assertThat(e.getMessage())
        .isEqualTo("info.files[1].length: integer has a leading zero (at byte 38)");

    BencodeException dup = refused(BencodeReader.defaults(), b("d4:infod1:a0:1:a0:ee"));
    assertThat(dup.path()).isEqualTo("info.a");
  }

  @Test
  void keysMayBeAnyBytes() {
    byte[] hash = new byte[32];
    for (int i = 0; i < hash.length; i++) {
      hash[i] = (byte) (0xff - i * 7);
    }
    byte[] input =
        Bencode.encode(
            BDictionary.builder()
                .put(
                    "piece layers",
                    BDictionary.builder().put(BString.of(hash), BString.of(new byte[64])).build())
                .build());
    BDictionary layers = Bencode.decodeDictionary(input).dictionary("piece layers");
    assertThat(layers.has(BString.of(hash))).isTrue();
    assertThat(layers.get(BString.of(hash))).isEqualTo(BString.of(new byte[64]));
    assertThat(layers.entries().keySet()).containsExactly(BString.of(hash));
    assertThat(layers.entries().keySet().iterator().next().toString()).startsWith("0xfff8f1");
  }

  @Test
  void outOfOrderKeysAreReadAndReported() {
    BencodeReader.Result sorted = BencodeReader.defaults().read(b("d1:ai1e1:bd1:xi1e1:yi2eee"));
    assertThat(sorted.canonical()).isTrue();

    BencodeReader.Result unsorted = BencodeReader.defaults().read(b("d1:ai1e1:bd1:yi2e1:xi1eee"));
    assertThat(unsorted.canonical()).isFalse();
    assertThat(unsorted.dictionary().dictionary("b").entries().keySet())
        .containsExactly(BString.of("y"), BString.of("x"));

    // Unsigned order: 0x80 sorts after 'z'; a prefix sorts before a longer key.
    assertThat(BencodeReader.defaults().read(b("d1:zi1e1:\u0080i2ee")).canonical()).isTrue();
    assertThat(BencodeReader.defaults().read(b("d1:\u0080i2e1:zi1ee")).canonical()).isFalse();
    assertThat(BencodeReader.defaults().read(b("d1:ai1e2:aai2ee")).canonical()).isTrue();
    assertThat(BencodeReader.defaults().read(b("d2:aai1e1:ai2ee")).canonical()).isFalse();
  }

  @Test
  void encodedIsTheExactInputOfANonCanonicalDictionary() {
    String info = "d6:pieces0:4:name1:x6:lengthi5e12:piece lengthi16384ee";
    byte[] input = b("d8:announce3:url4:info" + info + "e");
    BDictionary torrent = Bencode.decodeDictionary(input);
    BDictionary decodedInfo = torrent.dictionary("info");

    assertThat(decodedInfo.isDecoded()).isTrue();
    assertThat(new String(decodedInfo.encoded(), StandardCharsets.ISO_8859_1)).isEqualTo(info);
    assertThat(new String(Bencode.encode(decodedInfo), StandardCharsets.ISO_8859_1))
        .isEqualTo("d6:lengthi5e4:name1:x12:piece lengthi16384e6:pieces0:e");

    // Rebuilt around the exact info bytes, the info hash does not change.
    BDictionary rebuilt =
        BDictionary.builder().put("info", decodedInfo).put("comment", "hi").build();
    assertThat(new String(Bencode.encodeExact(rebuilt), StandardCharsets.ISO_8859_1))
        .isEqualTo("d7:comment2:hi4:info" + info + "e");
    assertThat(new String(Bencode.encodeExact(torrent), StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(input, StandardCharsets.ISO_8859_1));
  }

  @Test
  void remembersWhereEachValueStarts() {
    byte[] input = b("d1:al1:bi2ee1:ci3ee");
    BDictionary d = Bencode.decodeDictionary(input);
    assertThat(d.offset()).isZero();
    assertThat(d.offsetOf("a")).isEqualTo(4);
    assertThat(d.offsetOf("c")).isEqualTo(15);
    assertThat(d.offsetOf("missing")).isEqualTo(-1);
    BList list = d.list("a");
    assertThat(list.offset()).isEqualTo(4);
    assertThat(list.offsetOf(0)).isEqualTo(5);
    assertThat(list.offsetOf(1)).isEqualTo(8);
    assertThat(new String(list.encoded(), StandardCharsets.ISO_8859_1)).isEqualTo("l1:bi2ee");

    BDictionary built = BDictionary.builder().put("a", 1).build();
    assertThat(built.offsetOf("a")).isEqualTo(-1);
    assertThat(built.offset()).isEqualTo(-1);
    assertThat(built.isDecoded()).isFalse();
  }

  @Test
  void largeDictionariesAreIndexed() {
    BDictionary.Builder builder = BDictionary.builder();
    for (int i = 0; i < 100; i++) {
      builder.put("key" + i, i);
    }
    BDictionary d = Bencode.decodeDictionary(Bencode.encode(builder.build()));
    for (int i = 0; i < 100; i++) {
      assertThat(d.integer("key" + i)).isEqualTo(i);
      assertThat(d.offsetOf("key" + i)).isPositive();
    }
    assertThat(d).isEqualTo(builder.build());
    assertThat(d.hashCode()).isEqualTo(builder.build().hashCode());
  }

  @Test
  void readsTheValueAtTheStartAndLeavesTheRest() {
    byte[] message = b("xxd8:msg_typei1e5:piecei0e10:total_sizei3eeABC");
    BencodeReader.Result r = BencodeReader.defaults().decodePrefix(message, 2, message.length - 2);
    assertThat(r.dictionary().integer("total_size")).isEqualTo(3);
    assertThat(r.end()).isEqualTo(message.length - 3);
    assertThat(r.dictionary().offset()).isEqualTo(2);

    BencodeException e =
        catchThrowableOfType(
            BencodeException.class, () -> BencodeReader.defaults().decodePrefix(message, 2, 20));
    assertThat(e.offset()).isEqualTo(16);
    assertThat(e.reason()).isEqualTo("truncated: string of 5 bytes runs past the end");
  }

  @Test
  void refusesInputOverMaxLength() {
    BencodeReader reader = BencodeReader.builder().maxLength(10).build();
    assertThat(reader.decode(b("l1:a1:be"))).isInstanceOf(BList.class);

    BencodeException whole = refused(reader, b("l1:a1:b1:c1:de"));
    assertThat(whole.reason()).isEqualTo("input is longer than 10 bytes");
    assertThat(whole.offset()).isEqualTo(10);

    // A prefix read stops at the limit even though more input follows.
    byte[] input = b("l1:a1:b1:c1:deXYZ");
    BencodeException prefix =
        catchThrowableOfType(
            BencodeException.class, () -> reader.decodePrefix(input, 0, input.length));
    assertThat(prefix.reason()).isEqualTo("value is longer than 10 bytes");
    assertThat(prefix.offset()).isEqualTo(10);

    byte[] bigString = b("20:aaaaaaaaaaaaaaaaaaaa");
    BencodeException string =
        catchThrowableOfType(
            BencodeException.class, () -> reader.decodePrefix(bigString, 0, bigString.length));
    assertThat(string.reason()).isEqualTo("string of 20 bytes is longer than 10 bytes");
    assertThat(string.offset()).isZero();
    assertThat(reader.decodePrefix(b("1:ab"), 0, 4).end()).isEqualTo(3);
  }

  @Test
  void refusesNestingPastTheLimit() {
    BencodeReader reader = BencodeReader.builder().maxDepth(3).build();
    assertThat(reader.decode(b("llleee"))).isNotNull();
    BencodeException e = refused(reader, b("d1:ald1:bleeee"));
    assertThat(e.reason()).isEqualTo("nested deeper than 3");
    assertThat(e.offset()).isEqualTo(9);
    assertThat(e.path()).isEqualTo("a[0].b");
  }

  @Test
  void aMillionLevelsDeepNeitherOverflowsTheStackNorPassesTheLimit() {
    int depth = 1_000_000;
    byte[] open = new byte[depth];
    Arrays.fill(open, (byte) 'l');
    byte[] closed = Arrays.copyOf(open, 2 * depth);
    Arrays.fill(closed, depth, 2 * depth, (byte) 'e');

    BencodeException limited = refused(BencodeReader.defaults(), closed);
    assertThat(limited.reason()).isEqualTo("nested deeper than 64");
    assertThat(limited.offset()).isEqualTo(64);

    BencodeReader unlimited = BencodeReader.builder().maxDepth(Integer.MAX_VALUE).build();
    BencodeException truncated = refused(unlimited, open);
    assertThat(truncated.reason()).isEqualTo("truncated: input ends inside a value");
    assertThat(truncated.offset()).isEqualTo(depth);

    BValue deep = unlimited.decode(closed);
    int levels = 0;
    for (BValue v = deep; v instanceof BList l; v = l.size() == 0 ? null : l.get(0)) {
      levels++;
    }
    assertThat(levels).isEqualTo(depth);
    assertThat(Bencode.encode(deep)).isEqualTo(closed);
    assertThat(deep.toString()).hasSizeLessThan(2_100);
  }

  @Test
  void decodeDictionaryRefusesOtherValues() {
    BencodeException e =
        catchThrowableOfType(BencodeException.class, () -> Bencode.decodeDictionary(b("le")));
    assertThat(e.reason()).isEqualTo("expected a dictionary");
    assertThat(e.offset()).isZero();
  }

  @Test
  void rangesAreChecked() {
    assertThat(
            catchThrowableOfType(
                IndexOutOfBoundsException.class,
                () -> BencodeReader.defaults().read(b("i1e"), 2, 5)))
        .isNotNull();
    assertThat(BencodeReader.defaults().read(b("xxi1eyy"), 2, 3).value())
        .isEqualTo(new BInteger(1));
  }
}
