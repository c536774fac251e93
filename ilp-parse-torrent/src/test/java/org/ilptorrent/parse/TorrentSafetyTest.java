package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.parse.TestBencode.dict;
import static org.ilptorrent.parse.TestBencode.encode;
import static org.ilptorrent.parse.TestBencode.singleFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and malformed torrents: a typed error naming the field, never a crash. */
class TorrentSafetyTest {

  private static byte[] multiFile(List<Object> path) {
    Map<String, Object> info =
        dict(
            "files",
            List.of(dict("length", 10, "path", path)),
            "name",
            "dir",
            "piece length",
            16384,
            "pieces",
            new byte[20]);
    return encode(dict("info", info));
  }

  private static void assertRefused(byte[] torrent, String field, String words) {
    assertThatThrownBy(() -> TorrentInfo.parse(torrent))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageStartingWith(field)
        .hasMessageContaining(words)
        .satisfies(e -> assertThat(((InvalidTorrentException) e).field()).isEqualTo(field));
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "", "a/b", "a\\b", "nul\u0000", "bell\u0007"})
  void unsafePathComponentsAreRefused(String component) {
    assertRefused(multiFile(List.of("ok", component)), "info.files[0].path", "");
    assertRefused(encode(singleFile(component, 10)), "info.name", "");
  }

  @Test
  void absoluteAndEmptyPathsAreRefused() {
    assertRefused(multiFile(List.of("", "etc", "passwd")), "info.files[0].path", "empty");
    assertRefused(multiFile(List.of()), "info.files[0].path", "non-empty list");
  }

  @Test
  void pathUtf8IsPreferredAndAlsoChecked() {
    Map<String, Object> info =
        dict(
            "files",
            List.of(dict("length", 10, "path", List.of("ok"), "path.utf-8", List.of(".."))),
            "name",
            "dir",
            "piece length",
            16384,
            "pieces",
            new byte[20]);
    assertRefused(encode(dict("info", info)), "info.files[0].path.utf-8", "'..'");
  }

  @Test
  void pieceCountMustMatchTheLength() {
    Map<String, Object> t = singleFile("a.bin", 40_000);
    ((Map<String, Object>) t.get("info")).put("pieces", new byte[20 * 2]);
    assertRefused(encode(t), "info.pieces", "need 3");
  }

  @Test
  void pieceLengthMustBeInRange() {
    Map<String, Object> t = singleFile("a.bin", 10);
    ((Map<String, Object>) t.get("info")).put("piece length", 512);
    assertRefused(encode(t), "info.piece length", "outside");
    ((Map<String, Object>) t.get("info")).put("piece length", -1);
    assertRefused(encode(t), "info.piece length", "outside");
  }

  @Test
  void negativeLengthsAndOverflowAreRefused() {
    assertRefused(encode(singleFile("a.bin", -1)), "info.length", "negative");
    Map<String, Object> info =
        dict(
            "files",
            List.of(
                dict("length", Long.MAX_VALUE, "path", List.of("a")),
                dict("length", Long.MAX_VALUE, "path", List.of("b"))),
            "name",
            "dir",
            "piece length",
            1 << 28,
            "pieces",
            new byte[0]);
    assertRefused(encode(dict("info", info)), "info.files[1].length", "overflows");
  }

  @Test
  void fileCountAndPathDepthAreLimited() {
    List<Object> files = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      files.add(dict("length", 1, "path", List.of("f" + i)));
    }
    Map<String, Object> info =
        dict("files", files, "name", "d", "piece length", 16384, "pieces", new byte[20]);
    byte[] torrent = encode(dict("info", info));
    assertThat(TorrentInfo.parse(torrent).files()).hasSize(11);
    assertThatThrownBy(() -> TorrentInfo.parse(torrent, ParseLimits.defaults().withMaxFiles(10)))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("more than 10");

    List<Object> deep = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      deep.add("d" + i);
    }
    assertRefused(multiFile(deep), "info.files[0].path", "deeper than 64");
  }

  @Test
  void oversizedInputIsRefusedBeforeParsing() {
    byte[] big = new byte[1024];
    assertThatThrownBy(
            () -> TorrentInfo.parse(big, ParseLimits.defaults().withMaxTorrentBytes(1000)))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("larger than 1000");
  }

  @Test
  void deepNestingDoesNotOverflowTheStack() {
    byte[] deep = ("d4:info" + "l".repeat(200_000)).getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> TorrentInfo.parse(deep))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("nested deeper");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "l4:infoe",
        "d4:infod",
        "d4:info",
        "d4:infoi1",
        "d4:infoi01ee",
        "d4:infoi-0ee",
        "d4:infoiee",
        "d4:infoi99999999999999999999ee",
        "d4:info99:abce",
        "d4:info01:ae",
        "d4:info1ae",
        "d4:infode4:infodee",
        "d4:infox",
        "di1e1:ae",
        "d4:infoee",
        "d4:infodeetrailing",
      })
  void malformedBencodeIsATypedError(String text) {
    assertThatThrownBy(() -> TorrentInfo.parse(text.getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(InvalidTorrentException.class);
  }

  @Test
  void errorsCarryTheByteOffset() {
    InvalidTorrentException e =
        (InvalidTorrentException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> TorrentInfo.parse("d4:infoi01ee".getBytes(StandardCharsets.US_ASCII)));
    assertThat(e.field()).isEqualTo("info");
    assertThat(e.offset()).hasValue(7);
    assertThat(e).hasMessage("info: integer has a leading zero (at byte 7)");
  }

  @Test
  void nonUtf8KeysAndDuplicateKeysAreRefused() {
    byte[] nonUtf8 = {'d', '1', ':', (byte) 0xFF, 'i', '1', 'e', 'e'};
    assertThatThrownBy(() -> TorrentInfo.parse(nonUtf8)).hasMessageContaining("not UTF-8");
    assertThatThrownBy(
            () -> TorrentInfo.parse("d1:ai1e1:ai2ee".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("duplicate");
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    assertRefused(encode(dict("announce", "x")), "info", "missing");
    assertRefused(encode(dict("info", "x")), "info", "dictionary");
    Map<String, Object> t = singleFile("a.bin", 10);
    ((Map<String, Object>) t.get("info")).remove("pieces");
    assertRefused(encode(t), "info.pieces", "missing");
    ((Map<String, Object>) t.get("info")).put("pieces", 5);
    assertRefused(encode(t), "info.pieces", "byte string");
  }

  @Test
  void descriptiveFieldsOfTheWrongTypeAreSkipped() {
    Map<String, Object> t = singleFile("a.bin", 10);
    t.put("comment", 5);
    t.put("announce-list", List.of("not-a-tier", List.of(7, "udp://127.0.0.1:1")));
    t.put("url-list", 3);
    TorrentInfo torrent = TorrentInfo.parse(encode(t));

    assertThat(torrent.comment()).isEmpty();
    assertThat(torrent.announce()).containsExactly("udp://127.0.0.1:1");
    assertThat(torrent.urlList()).isEmpty();
  }
}
