package org.ilptorrent.webtorrent.internal.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.junit.jupiter.api.Test;

class ExtensionMessagesTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void encodesTheExtensionHandshakeCanonically() throws Exception {
    ExtensionHandshake h =
        new ExtensionHandshake(
            Map.of("ut_metadata", 3, "ut_pex", 1),
            OptionalInt.of(6881),
            Optional.of("ILP 0.1"),
            Optional.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})),
            OptionalInt.of(250),
            OptionalLong.of(31235),
            false);
    String expected =
        "d"
            + "1:md11:ut_metadatai3e6:ut_pexi1ee" // m, names sorted
            + "13:metadata_sizei31235e"
            + "1:pi6881e"
            + "4:reqqi250e"
            + "1:v7:ILP 0.1"
            + "6:yourip4:\u007f\u0000\u0000\u0001"
            + "e";
    assertThat(new String(h.encode(), StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    assertThat(ExtensionHandshake.decode(h.encode())).isEqualTo(h);
  }

  @Test
  void readsAHandshakeAsLibtorrentAndWebTorrentSendIt() throws Exception {
    // unsorted keys, an unknown key, an m entry that is not an integer, ids disabled with 0
    byte[] payload =
        b(
            "d1:v14:WebTorrent 3.01:md6:ut_pexi0e11:ut_metadatai2e8:lt_donthi7e3:bad3:xyze"
                + "13:metadata_sizei100e12:complete_agoi-1e11:upload_onlyi1e1:pi0ee");
    ExtensionHandshake h = ExtensionHandshake.decode(payload);
    assertThat(h.client()).hasValue("WebTorrent 3.0");
    assertThat(h.idOf("ut_metadata")).hasValue(2);
    assertThat(h.idOf("ut_pex")).as("id 0 turns it off").isEmpty();
    assertThat(h.extensions()).doesNotContainKey("bad");
    assertThat(h.metadataSize()).hasValue(100);
    assertThat(h.uploadOnly()).isTrue();
    assertThat(h.listenPort()).as("port 0 is no port").isEmpty();
    assertThat(h.requestQueue()).isEmpty();
  }

  @Test
  void refusesBadHandshakes() {
    assertThatThrownBy(() -> ExtensionHandshake.decode(b("d1:m3:xyze")))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("m is not a dict");
    assertThatThrownBy(() -> ExtensionHandshake.decode(b("d13:metadata_sizei-5ee")))
        .isInstanceOf(PeerProtocolException.class);
    assertThatThrownBy(() -> ExtensionHandshake.decode(b("d4:reqqi0ee")))
        .isInstanceOf(PeerProtocolException.class);
    assertThatThrownBy(() -> ExtensionHandshake.decode(b("d1:md")))
        .isInstanceOf(PeerProtocolException.class);
  }

  @Test
  void metadataMessagesMatchBep9() throws Exception {
    // the examples of BEP 9
    assertThat(new MetadataMessage.Request(0).encode()).isEqualTo(b("d8:msg_typei0e5:piecei0ee"));
    assertThat(new MetadataMessage.Reject(0).encode()).isEqualTo(b("d8:msg_typei2e5:piecei0ee"));
    MetadataMessage.Data data = new MetadataMessage.Data(0, 34256, b("xxxx"));
    assertThat(data.encode()).isEqualTo(b("d8:msg_typei1e5:piecei0e10:total_sizei34256eexxxx"));
    assertThat(MetadataMessage.decode(data.encode())).isEqualTo(data);
    assertThat(MetadataMessage.decode(b("d8:msg_typei0e5:piecei3ee")))
        .isEqualTo(new MetadataMessage.Request(3));
  }

  @Test
  void refusesBadMetadataMessages() {
    for (String bad :
        List.of(
            "d8:msg_typei7e5:piecei0ee", // unknown type
            "d8:msg_typei0ee", // no piece
            "d8:msg_typei0e5:piecei-1ee", // negative piece
            "d8:msg_typei0e5:piecei0eeJUNK", // data after a request
            "d8:msg_typei1e5:piecei0ee", // data without total_size
            "d8:msg_typei1e5:piecei0e10:total_sizei0ee", // zero total size
            "i1e")) {
      assertThatThrownBy(() -> MetadataMessage.decode(b(bad)))
          .as(bad)
          .isInstanceOf(PeerProtocolException.class);
    }
    byte[] big = new byte[16 * 1024 + 1];
    byte[] head = b("d8:msg_typei1e5:piecei0e10:total_sizei99999ee");
    byte[] msg = new byte[head.length + big.length];
    System.arraycopy(head, 0, msg, 0, head.length);
    assertThatThrownBy(() -> MetadataMessage.decode(msg)).hasMessageContaining("over 16 KiB");
  }

  @Test
  void pexRoundTripsBothFamilies() throws Exception {
    PexMessage pex =
        new PexMessage(
            List.of(
                new PexMessage.Peer(
                    new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 6881),
                    PexMessage.FLAG_SEED | PexMessage.FLAG_REACHABLE),
                new PexMessage.Peer(new InetSocketAddress(InetAddress.getByName("::2"), 51413), 0)),
            List.of(new InetSocketAddress(InetAddress.getByName("10.0.0.9"), 1)));
    byte[] payload = pex.encode();
    String text = new String(payload, StandardCharsets.ISO_8859_1);
    // added: 0a000001 1ae1, added.f: 0x12, dropped: 0a000009 0001
    assertThat(HexFormat.of().formatHex(payload))
        .contains(HexFormat.of().formatHex(b("5:added6:\n\u0000\u0000\u0001\u001a\u00e1")))
        .contains(HexFormat.of().formatHex(b("7:added.f1:\u0012")))
        .contains(HexFormat.of().formatHex(b("7:dropped6:\n\u0000\u0000\t\u0000\u0001")));
    assertThat(text).contains("6:added618:").contains("8:added6.f1:\u0000");
    assertThat(PexMessage.decode(payload)).isEqualTo(pex);
  }

  @Test
  void pexIsLenientAboutFlagsAndStrictAboutLengths() throws Exception {
    // flags of the wrong length read as 0; a port-0 entry is skipped
    PexMessage m =
        PexMessage.decode(
            b(
                "d5:added12:\n\u0000\u0000\u0001\u001a\u00e1\n\u0000\u0000\u0002\u0000\u00007:added.f1:\u0002e"));
    assertThat(m.added()).hasSize(1);
    assertThat(m.added().get(0).flags()).isZero();
    assertThatThrownBy(() -> PexMessage.decode(b("d5:added5:abcdee")))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessageContaining("multiple of 6");
    assertThatThrownBy(() -> PexMessage.decode(b("d7:dropped7:abcdefge")))
        .isInstanceOf(PeerProtocolException.class);
  }
}
