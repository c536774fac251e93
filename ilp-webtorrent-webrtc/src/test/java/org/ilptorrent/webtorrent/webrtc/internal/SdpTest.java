package org.ilptorrent.webtorrent.webrtc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SdpTest {
  private static final String HEAD =
      "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";

  @Test
  void namesThePeerByItsFirstIpCandidate() {
    String sdp =
        HEAD
            + "a=candidate:1 1 udp 2122260223 198.18.0.1 55456 typ host generation 0\r\n"
            + "a=candidate:2 1 udp 2122194687 198.18.0.2 42570 typ host generation 0\r\n";
    assertThat(Sdp.firstCandidate(sdp)).contains(new InetSocketAddress("198.18.0.1", 55456));
  }

  @Test
  void skipsMdnsNamesAndUnreadableLines() {
    String sdp =
        HEAD
            + "a=candidate:1 1 udp 2122260223 0f1e2d3c.local 5000 typ host\n"
            + "a=candidate:2 1 udp\n"
            + "a=candidate:3 1 udp 1 198.18.0.9 notaport typ host\n"
            + "a=candidate:4 1 udp 1 198.18.0.9 70000 typ host\n"
            + "a=candidate:5 1 tcp 1 fe80::1 9 typ host tcptype active\n";
    assertThat(Sdp.firstCandidate(sdp)).contains(new InetSocketAddress("fe80::1", 9));
  }

  @Test
  void noCandidateIsEmpty() {
    assertThat(Sdp.firstCandidate(HEAD)).isEmpty();
    assertThat(Sdp.firstCandidate("")).isEmpty();
    assertThat(Sdp.UNKNOWN.getPort()).isZero();
  }

  @Test
  void takesThePeersMaxMessageSizeUpToTheCap() {
    int cap = 64 * 1024;
    assertThat(Sdp.maxMessageSize(HEAD + "a=max-message-size:262144\r\n", cap)).isEqualTo(cap);
    assertThat(Sdp.maxMessageSize(HEAD + "a=max-message-size:16384\r\n", cap)).isEqualTo(16384);
    assertThat(Sdp.maxMessageSize(HEAD + "a=max-message-size:0\r\n", cap)).isEqualTo(cap);
    assertThat(Sdp.maxMessageSize(HEAD + "a=max-message-size:1073741823\n", cap)).isEqualTo(cap);
  }

  @Test
  void withoutAReadableMaxMessageSizeTakesTheRfcDefault() {
    assertThat(Sdp.maxMessageSize(HEAD, 256 * 1024)).isEqualTo(64 * 1024);
    assertThat(Sdp.maxMessageSize(HEAD + "a=max-message-size:lots\r\n", 256 * 1024))
        .isEqualTo(64 * 1024);
    assertThat(Sdp.maxMessageSize(HEAD + "a=max-message-size:-5\r\n", 256 * 1024))
        .isEqualTo(64 * 1024);
    assertThat(Sdp.maxMessageSize(HEAD + "a=max-message-size:99999999999999999999\r\n", 1024))
        .isEqualTo(1024);
    assertThat(Sdp.maxMessageSize("", 16 * 1024)).isEqualTo(16 * 1024);
  }
}
