package org.ilptorrent.tracker.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.junit.jupiter.api.Test;

class UdpCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  private static AnnounceRequest request(String balanceId) {
    return new AnnounceRequest(
        InfoHash.fromHex("00".repeat(19) + "01"),
        PeerId.fromHex("ff".repeat(20)),
        6881,
        AnnounceEvent.STOPPED,
        new AnnounceStats(3, 1, 2),
        0,
        balanceId,
        null,
        null);
  }

  @Test
  void connectRequest() {
    assertThat(HEX.formatHex(UdpCodec.connect(0x01020304)))
        .isEqualTo(
            "0000041727101980" // protocol_id
                + "00000000" // action: connect
                + "01020304"); // transaction_id
  }

  @Test
  void announceRequest() {
    byte[] b = UdpCodec.announce(0x0A0B0C0D0E0F1011L, 7, request(null), -1, "");
    assertThat(b).hasSize(UdpCodec.ANNOUNCE_LENGTH);
    assertThat(HEX.formatHex(b))
        .isEqualTo(
            "0a0b0c0d0e0f1011" // connection_id
                + "00000001" // action: announce
                + "00000007" // transaction_id
                + "00".repeat(19)
                + "01" // info_hash
                + "ff".repeat(20) // peer_id
                + "0000000000000001" // downloaded
                + "0000000000000002" // left
                + "0000000000000003" // uploaded
                + "00000003" // event: stopped
                + "00000000" // ip: the sender's
                + "ffffffff" // key
                + "00000000" // num_want
                + "1ae1"); // port 6881
  }

  @Test
  void urlDataIsSplitIntoOptionsOf255Bytes() {
    String data = UdpCodec.urlData("/announce", null, request("x".repeat(300)));
    assertThat(data).isEqualTo("/announce?requestId=" + "x".repeat(300));
    byte[] b = UdpCodec.announce(1, 1, request(null), 0, data);
    assertThat(b).hasSize(98 + 2 + 255 + 2 + (data.length() - 255));
    assertThat(b[98]).isEqualTo((byte) 2);
    assertThat(b[99] & 0xFF).isEqualTo(255);
    assertThat(b[98 + 257]).isEqualTo((byte) 2);
    assertThat(UdpCodec.urlData("/", null, request(null))).isEmpty();
    assertThat(UdpCodec.urlData("", "a=1", request(null))).isEqualTo("/?a=1");
  }

  @Test
  void announceReplies() {
    byte[] reply =
        HEX.parseHex(
            "00000001" + "00000007" + "0000003c" + "00000002" + "00000003" + "7f0000011ae1");
    AnnounceReply.Accepted a = UdpCodec.announced(reply, false);
    assertThat(a.interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(a.complete()).isEqualTo(3);
    assertThat(a.incomplete()).isEqualTo(2);
    assertThat(a.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 6881));
    assertThatThrownBy(() -> UdpCodec.announced(reply, true))
        .hasMessage("compact peers: 6 bytes is not a multiple of 18");
  }

  @Test
  void errorAndWrongActions() {
    assertThatThrownBy(() -> UdpCodec.connectionId(HEX.parseHex("00000003000000076e6f")))
        .hasMessage("tracker failure: no");
    assertThatThrownBy(() -> UdpCodec.connectionId(HEX.parseHex("000000010000000700")))
        .hasMessage("reply has action 1, expected 0");
    assertThatThrownBy(() -> UdpCodec.scraped(HEX.parseHex("00000002000000070000")))
        .isNotInstanceOf(UdpTrackerRefusal.class)
        .hasMessage("truncated reply: 10 bytes, expected at least 20");
  }

  @Test
  void refusals() {
    // action 3, transaction_id, "no" and the NUL opentracker ends its messages with
    assertThatThrownBy(() -> UdpCodec.announced(HEX.parseHex("00000003000000076e6f00"), false))
        .isInstanceOfSatisfying(
            UdpTrackerRefusal.class, r -> assertThat(r.reason()).isEqualTo("no"))
        .hasMessage("tracker failure: no");
    // action 3, transaction_id, no message
    assertThatThrownBy(() -> UdpCodec.connectionId(HEX.parseHex("0000000300000007")))
        .isInstanceOfSatisfying(UdpTrackerRefusal.class, r -> assertThat(r.reason()).isEmpty())
        .hasMessage("tracker failure: refused without a reason");
    // opentracker's answer to an announce of a torrent off its whitelist: the header alone
    assertThatThrownBy(() -> UdpCodec.announced(HEX.parseHex("0000000100000007"), false))
        .isInstanceOf(UdpTrackerRefusal.class)
        .hasMessage("tracker failure: refused without a reason");
    assertThatThrownBy(() -> UdpCodec.scraped(HEX.parseHex("0000000200000007")))
        .isInstanceOf(UdpTrackerRefusal.class)
        .hasMessage("tracker failure: refused without a reason");
    // control characters in a message are not passed on
    assertThatThrownBy(() -> UdpCodec.scraped(HEX.parseHex("00000003000000076e0a6f")))
        .hasMessage("tracker failure: n?o");
  }
}
