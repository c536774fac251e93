package org.ilptorrent.tracker.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BEP 15 codec, byte for byte. */
class UdpMessagesTest {
  private static final HexFormat HEX = HexFormat.of();

  private static ByteBuffer bytes(String... hexParts) {
    return ByteBuffer.wrap(HEX.parseHex(String.join("", hexParts).replace(" ", "")));
  }

  /** A datagram that must decode to a request. */
  private static UdpMessages.Request parse(ByteBuffer datagram) {
    return UdpMessages.parse(datagram).orElseThrow();
  }

  private static String hex(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return HEX.formatHex(out);
  }

  private static final String ANNOUNCE =
      String.join(
          "",
          "0123456789abcdef", // connection id
          "00000001", // action: announce
          "cafebabe", // transaction id
          "aa".repeat(20), // info hash
          "2d4c54303130302d".concat("bb".repeat(12)), // peer id "-LT0100-" + 12 bytes
          "0000000000000010", // downloaded 16
          "0000000000000000", // left 0: a seeder
          "0000000000000020", // uploaded 32
          "00000002", // event: started
          "00000000", // ip: 0 (use the sender's)
          "12345678", // key
          "ffffffff", // num_want -1: the default
          "1ae1"); // port 6881

  @Test
  void decodesAConnect() {
    UdpMessages.Request r =
        parse(
            bytes(
                "0000041727101980", // protocol id
                "00000000", // action: connect
                "00000457")); // transaction id 1111
    assertThat(r).isEqualTo(new UdpMessages.Connect(1111));
  }

  @Test
  void encodesAConnectAnswer() {
    assertThat(hex(UdpMessages.connected(1111, 0x0102030405060708L)))
        .isEqualTo(
            "00000000" // action: connect
                + "00000457" // transaction id
                + "0102030405060708"); // connection id
  }

  @Test
  void decodesAnAnnounceField() {
    UdpMessages.Announce a = (UdpMessages.Announce) parse(bytes(ANNOUNCE));
    assertThat(a.connectionId()).isEqualTo(0x0123456789abcdefL);
    assertThat(a.transactionId()).isEqualTo(0xcafebabe);
    assertThat(HEX.formatHex(a.infoHash())).isEqualTo("aa".repeat(20));
    assertThat(new String(a.peerId(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("-LT0100-");
    assertThat(a.downloaded()).isEqualTo(16);
    assertThat(a.left()).isZero();
    assertThat(a.uploaded()).isEqualTo(32);
    assertThat(a.event()).isEqualTo(2);
    assertThat(a.ip()).isZero();
    assertThat(a.key()).isEqualTo(0x12345678);
    assertThat(a.numWant()).isEqualTo(-1);
    assertThat(a.port()).isEqualTo(6881);
  }

  @Test
  void toleratesBep41OptionsAfterTheAnnounce() {
    UdpMessages.Announce a =
        (UdpMessages.Announce)
            parse(
                bytes(
                    ANNOUNCE,
                    "02", // option: URLData
                    "09", // 9 bytes
                    "2f616e6e6f756e6365", // "/announce"
                    "01", // NOP
                    "00")); // EndOfOptions
    assertThat(a.port()).isEqualTo(6881);
  }

  @Test
  void decodesAHighPortAsUnsigned() {
    String highPort = ANNOUNCE.substring(0, ANNOUNCE.length() - 4) + "ffff";
    assertThat(((UdpMessages.Announce) parse(bytes(highPort))).port()).isEqualTo(65535);
  }

  @Test
  void everyTruncationOfAnAnnounceIsRejectedOrDropped() {
    byte[] full = HEX.parseHex(ANNOUNCE);
    for (int length = 0; length < UdpMessages.ANNOUNCE_BYTES; length++) {
      ByteBuffer cut = ByteBuffer.wrap(full, 0, length);
      if (length < UdpMessages.HEADER_BYTES) {
        assertThat(UdpMessages.parse(cut)).as("length %d", length).isEmpty();
      } else {
        assertThatThrownBy(() -> parse(cut))
            .as("length %d", length)
            .isInstanceOfSatisfying(
                UdpMessages.MalformedRequest.class,
                e -> assertThat(e.transactionId()).isEqualTo(0xcafebabe))
            .hasMessage("malformed announce");
      }
    }
  }

  @Test
  void rejectsAConnectWithAnotherProtocolId() {
    assertThatThrownBy(
            () ->
                parse(
                    bytes(
                        "0000041727101981", // protocol id off by one
                        "00000000", // action: connect
                        "00000001")))
        .hasMessage("invalid protocol id");
  }

  @Test
  void rejectsAnUnknownAction() {
    assertThatThrownBy(
            () ->
                parse(
                    bytes(
                        "0000041727101980", // protocol id
                        "00000003", // action: error, which a client never sends
                        "00000001")))
        .hasMessage("invalid action");
  }

  @Test
  void decodesAScrapeOfTwoHashes() {
    UdpMessages.Scrape s =
        (UdpMessages.Scrape)
            parse(
                bytes(
                    "0123456789abcdef", // connection id
                    "00000002", // action: scrape
                    "00000007", // transaction id
                    "aa".repeat(20), // info hash 1
                    "bb".repeat(20))); // info hash 2
    assertThat(s.infoHashes())
        .extracting(HEX::formatHex)
        .containsExactly("aa".repeat(20), "bb".repeat(20));
  }

  @Test
  void boundsScrapes() {
    String header = "0123456789abcdef" + "00000002" + "00000007";
    assertThat(
            ((UdpMessages.Scrape)
                    parse(bytes(header, "cc".repeat(20 * UdpMessages.MAX_SCRAPE_HASHES))))
                .infoHashes())
        .hasSize(74);
    assertThatThrownBy(() -> parse(bytes(header, "cc".repeat(20 * 75))))
        .hasMessage("too many info hashes");
    assertThatThrownBy(() -> parse(bytes(header, "cc".repeat(21)))).hasMessage("malformed scrape");
  }

  @Test
  void encodesAnnounceAnswersWithSixOrEighteenBytePeers() {
    assertThat(
            hex(
                UdpMessages.announced(
                    7, 600, 1, 2, List.of(new byte[] {127, 0, 0, 1}), List.of(6881))))
        .isEqualTo(
            "00000001" // action: announce
                + "00000007" // transaction id
                + "00000258" // interval 600
                + "00000001" // leechers
                + "00000002" // seeders
                + "7f000001" // 127.0.0.1
                + "1ae1"); // port 6881
    byte[] v6 = new byte[16];
    v6[15] = 1;
    assertThat(hex(UdpMessages.announced(7, 600, 0, 1, List.of(v6), List.of(65535))))
        .endsWith("00000000000000000000000000000001" + "ffff"); // [::1]:65535
  }

  @Test
  void encodesScrapeAndErrorAnswers() {
    assertThat(hex(UdpMessages.scraped(7, List.of(new int[] {3, 4, 5}))))
        .isEqualTo(
            "00000002" // action: scrape
                + "00000007" // transaction id
                + "00000003" // seeders
                + "00000004" // completed
                + "00000005"); // leechers
    assertThat(hex(UdpMessages.error(7, "invalid port")))
        .isEqualTo(
            "00000003" // action: error
                + "00000007" // transaction id
                + HEX.formatHex(
                    "invalid port".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }
}
