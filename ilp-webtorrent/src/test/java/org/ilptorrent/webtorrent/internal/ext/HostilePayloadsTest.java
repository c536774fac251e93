package org.ilptorrent.webtorrent.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a peer can send instead of an extension payload: truncated, malformed, too deep, of the
 * wrong type or random bytes. Every decoder answers with a {@link PeerProtocolException} (which
 * closes that connection alone), never another exception.
 */
class HostilePayloadsTest {

  /** A decoder of one extension message. */
  private interface Decoder {
    Object decode(byte[] payload) throws PeerProtocolException;
  }

  private static final Map<String, Decoder> DECODERS =
      Map.of(
          "handshake", ExtensionHandshake::decode,
          "ut_metadata", MetadataMessage::decode,
          "ut_pex", PexMessage::decode,
          "ilp_access", AccessMessage::decode);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "'';                    empty payload",
        "d;                     unterminated dict",
        "d1:pi6881e;            unterminated dict after a value",
        "d1:p;                  key without a value",
        "d1:pi12;               truncated integer",
        "d1:v5:abc;             string past the end",
        "d1:pi01ee;             leading zero",
        "d1:pi-0ee;             minus zero",
        "d1:pie;                empty number",
        "d1:pi-e;               empty negative number",
        "d1:pi9223372036854775808ee; over 64 bits",
        "d01:pi1ee;             leading zero in a length",
        "d99999999999999999999:pi1ee; length over 64 bits",
        "di1ei2ee;              integer key",
        "d1:pi1e1:pi2ee;        duplicate key",
        "d1:pi1e1:ai2e1:ai3ee;  duplicate key out of order",
        "d1:px;                 unknown type",
      })
  void malformedBencodeIsAProtocolErrorWithItsOffset(String payload, String why) {
    DECODERS.forEach(
        (name, decoder) ->
            assertThatThrownBy(() -> decoder.decode(b(payload)))
                .as(name + ": " + why)
                .isInstanceOf(PeerProtocolException.class)
                .hasMessageStartingWith("bencode: ")
                .hasMessageContaining("(at byte "));
  }

  @Test
  void bytesAfterTheDictAreRefusedWhereNoPieceDataMayFollow() {
    for (String name : List.of("handshake", "ut_pex", "ilp_access")) {
      assertThatThrownBy(() -> DECODERS.get(name).decode(b("d7:grantedi1eeJUNK")))
          .as(name)
          .isInstanceOf(PeerProtocolException.class)
          .hasMessageContaining("trailing bytes");
    }
  }

  @Test
  void everyCutOfAValidPayloadIsAProtocolError() throws Exception {
    byte[] handshake =
        new ExtensionHandshake(
                Map.of("ut_metadata", 3, "ut_pex", 1),
                OptionalInt.of(6881),
                Optional.of("ILP 0.1"),
                Optional.of(InetAddress.getByName("127.0.0.1")),
                OptionalInt.of(250),
                OptionalLong.of(31235),
                true,
                Optional.of(new byte[32]))
            .encode();
    byte[] pex =
        new PexMessage(
                List.of(new PexMessage.Peer(new InetSocketAddress("10.0.0.1", 6881), 2)),
                List.of(new InetSocketAddress("::1", 1)))
            .encode();
    byte[] proof = new AccessMessage.Proof(new byte[125], new byte[64]).encode();
    byte[] request = new MetadataMessage.Request(7).encode();
    for (byte[] whole : List.of(handshake, pex, proof, request)) {
      for (int cut = 0; cut < whole.length; cut++) {
        byte[] part = Arrays.copyOf(whole, cut);
        DECODERS.forEach(
            (name, decoder) -> {
              try {
                decoder.decode(part);
                throw new AssertionError(
                    name + " accepted " + new String(part, StandardCharsets.ISO_8859_1));
              } catch (PeerProtocolException expected) {
                // the only failure allowed
              }
            });
      }
    }
  }

  @Test
  void nestingIsBoundedWithoutOverflowingTheStack() throws Exception {
    byte[] deep = b("d1:x" + "l".repeat(100_000) + "e".repeat(100_000) + "e");
    DECODERS.forEach(
        (name, decoder) ->
            assertThatThrownBy(() -> decoder.decode(deep))
                .as(name)
                .isInstanceOf(PeerProtocolException.class)
                .hasMessageContaining("nested deeper than 32"));
    // An unknown key nested to the limit (the dict and 31 lists) is read and ignored.
    byte[] atTheLimit = b("d1:pi6881e1:x" + "l".repeat(31) + "e".repeat(31) + "e");
    assertThat(ExtensionHandshake.decode(atTheLimit).listenPort()).hasValue(6881);
    byte[] overTheLimit = b("d1:pi6881e1:x" + "l".repeat(32) + "e".repeat(32) + "e");
    assertThatThrownBy(() -> ExtensionHandshake.decode(overTheLimit))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("bencode: x" + "[0]".repeat(31) + ": nested deeper than 32 (at byte 44)");
  }

  @Test
  void fieldsOfTheWrongTypeNameTheirKey() {
    assertThatThrownBy(() -> ExtensionHandshake.decode(b("le")))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("message is not a dict");
    assertThatThrownBy(() -> ExtensionHandshake.decode(b("d1:p4:6881e")))
        .hasMessage("p is not an integer");
    assertThatThrownBy(() -> ExtensionHandshake.decode(b("d1:vi1ee")))
        .hasMessage("v is not a string");
    assertThatThrownBy(() -> ExtensionHandshake.decode(b("d6:youripli1eee")))
        .hasMessage("yourip is not a string");
    assertThatThrownBy(() -> MetadataMessage.decode(b("l8:msg_typee")))
        .hasMessage("ut_metadata message is not a dict");
    assertThatThrownBy(() -> MetadataMessage.decode(b("d8:msg_type1:05:piecei0ee")))
        .hasMessage("msg_type is not an integer");
    assertThatThrownBy(() -> MetadataMessage.decode(b("d8:msg_typei0ee")))
        .hasMessage("piece is missing");
    assertThatThrownBy(() -> PexMessage.decode(b("d5:addedi1ee")))
        .hasMessage("added is not a string");
    assertThatThrownBy(() -> PexMessage.decode(b("d8:dropped6lee")))
        .hasMessage("dropped6 is not a string");
    assertThatThrownBy(() -> AccessMessage.decode(b("d6:ticketi1e9:signature0:e")))
        .hasMessage("ticket is not a string");
    assertThatThrownBy(() -> AccessMessage.decode(b("d7:granted1:1e")))
        .hasMessage("granted is not an integer");
  }

  @Test
  void unsortedKeysFromPeersAreRead() throws Exception {
    ExtensionHandshake h = ExtensionHandshake.decode(b("d1:pi1e1:md1:xi2eee"));
    assertThat(h.listenPort()).hasValue(1);
    assertThat(h.idOf("x")).hasValue(2);
  }

  @Test
  void extensionNamesKeepEveryByte() throws Exception {
    byte[] payload = b("d1:md2:\u00ff\u0001i1eee");
    ExtensionHandshake h = ExtensionHandshake.decode(payload);
    assertThat(h.extensions()).containsOnlyKeys("\u00ff\u0001");
    assertThat(h.encode()).isEqualTo(payload);
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
      DECODERS.forEach(
          (name, decoder) -> {
            try {
              decoder.decode(junk);
            } catch (PeerProtocolException expected) {
              // the only failure allowed
            }
          });
    }
  }
}
