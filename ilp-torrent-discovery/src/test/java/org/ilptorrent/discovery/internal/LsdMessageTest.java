package org.ilptorrent.discovery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.ilptorrent.discovery.internal.InvalidLsdMessageException.Reason;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BEP 14 announces: the bytes we send, and what we make of friendly and hostile datagrams. */
class LsdMessageTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef01234567";
  private static final String HEX2 = "89abcdef0123456789abcdef0123456789abcdef";

  private static LsdMessage parse(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return LsdMessage.parse(b, b.length, 1400, 16);
  }

  private static Reason reasonOf(String text) {
    try {
      parse(text);
    } catch (InvalidLsdMessageException e) {
      return e.reason();
    }
    throw new AssertionError("parsed: " + text);
  }

  @Test
  void encodesTheBepLayout() {
    LsdMessage m =
        new LsdMessage(
            Optional.of("239.192.152.143:6771"),
            6881,
            List.of(InfoHash.fromHex(HEX)),
            Optional.of("c00k1e"));
    assertThat(new String(m.encode(), StandardCharsets.US_ASCII))
        .isEqualTo(
            // request line, Host, Port, one Infohash per torrent, cookie, two empty lines
            "BT-SEARCH * HTTP/1.1\r\n"
                + "Host: 239.192.152.143:6771\r\n"
                + "Port: 6881\r\n"
                + "Infohash: "
                + HEX
                + "\r\n"
                + "cookie: c00k1e\r\n"
                + "\r\n"
                + "\r\n");
    byte[] bytes = m.encode();
    assertThat(LsdMessage.parse(bytes, bytes.length, 1400, 16)).isEqualTo(m);
  }

  @Test
  void readsSeveralInfoHashesAnyHeaderCaseBareLfAndUnknownHeaders() {
    LsdMessage m =
        parse(
            "BT-SEARCH * HTTP/1.1\n"
                + "PORT:  51413 \n"
                + "infohash: "
                + HEX.toUpperCase()
                + "\n"
                + "X-Client: whatever\n"
                + "InfoHash: "
                + HEX2
                + "\n"
                + "Infohash: "
                + HEX
                + "\n\n");
    assertThat(m.port()).isEqualTo(51413);
    assertThat(m.infoHashes()).containsExactly(InfoHash.fromHex(HEX), InfoHash.fromHex(HEX2));
    assertThat(m.host()).isEmpty();
    assertThat(m.cookie()).isEmpty();
  }

  @Test
  void stopsAtTheEndOfTheHead() {
    LsdMessage m =
        parse("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: " + HEX + "\r\n\r\nPort: x\r\ngarbage");
    assertThat(m.port()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET / HTTP/1.1\\r\\nPort: 1\\r\\nInfohash: " + HEX + "\\r\\n\\r\\n | NOT_BT_SEARCH",
        "BT-SEARCH * HTTP/1.1 | NOT_BT_SEARCH",
        "'' | NOT_BT_SEARCH",
        "BT-SEARCH * HTTP/1.1\\r\\nInfohash: " + HEX + "\\r\\n\\r\\n | BAD_PORT",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 0\\r\\nInfohash: " + HEX + "\\r\\n\\r\\n | BAD_PORT",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 65536\\r\\nInfohash: " + HEX + "\\r\\n\\r\\n | BAD_PORT",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: -1\\r\\nInfohash: " + HEX + "\\r\\n\\r\\n | BAD_PORT",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 99999999999\\r\\nInfohash: " + HEX + "\\r\\n | BAD_PORT",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 1\\r\\nPort: 2\\r\\nInfohash: "
            + HEX
            + "\\r\\n | BAD_PORT",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 1\\r\\n\\r\\n | NO_INFOHASH",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 1\\r\\nInfohash: xyz\\r\\n | BAD_INFOHASH",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 1\\r\\nInfohash: " + HEX + "00\\r\\n | BAD_INFOHASH",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 1\\r\\nno colon here\\r\\n | MALFORMED_HEADER",
        "BT-SEARCH * HTTP/1.1\\r\\nPort: 1\\r\\n: empty name\\r\\n | MALFORMED_HEADER",
      })
  void refusesHostileDatagrams(String escaped, Reason reason) {
    assertThat(reasonOf(escaped.replace("\\r", "\r").replace("\\n", "\n"))).isEqualTo(reason);
  }

  @Test
  void refusesNonAsciiTooLargeAndTooManyInfoHashes() {
    byte[] binary = {'B', 'T', 0, (byte) 0xff};
    assertThatThrownBy(() -> LsdMessage.parse(binary, binary.length, 1400, 16))
        .isInstanceOfSatisfying(
            InvalidLsdMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ASCII))
        .hasMessageContaining("at byte 2");
    byte[] huge = new byte[1401];
    assertThatThrownBy(() -> LsdMessage.parse(huge, huge.length, 1400, 16))
        .isInstanceOfSatisfying(
            InvalidLsdMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    StringBuilder many = new StringBuilder("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n");
    for (int i = 0; i < 17; i++) {
      many.append("Infohash: ").append(String.format("%040x", i)).append("\r\n");
    }
    assertThat(reasonOf(many.toString())).isEqualTo(Reason.TOO_MANY_INFOHASHES);
    StringBuilder headers = new StringBuilder("BT-SEARCH * HTTP/1.1\r\n");
    for (int i = 0; i < 65; i++) {
      headers.append("X: ").append(i).append("\r\n");
    }
    assertThat(reasonOf(headers.toString())).isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(LsdMessage.tryParse(binary, binary.length, 1400, 16)).isEmpty();
  }

  @Test
  void aRepeatedInfoHashCountsOnce() {
    StringBuilder same = new StringBuilder("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n");
    for (int i = 0; i < 20; i++) {
      same.append("Infohash: ").append(HEX).append("\r\n");
    }
    assertThat(parse(same.toString()).infoHashes()).hasSize(1);
  }

  @Test
  void theRecordChecksItsFields() {
    assertThatThrownBy(
            () ->
                new LsdMessage(
                    Optional.empty(), 0, List.of(InfoHash.fromHex(HEX)), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LsdMessage(Optional.empty(), 1, List.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new LsdMessage(
                    Optional.of("a\r\nb"), 1, List.of(InfoHash.fromHex(HEX)), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
