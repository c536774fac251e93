package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerAddressTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3.4:6881",
        "0.0.0.0:1",
        "255.255.255.255:65535",
        "127.0.0.1:6881",
        "[::1]:6881",
        "[::]:1",
        "[2001:db8::1]:51413",
        "[2001:DB8:0:0:0:0:0:1]:80",
        "[1:2:3:4:5:6:7:8]:80",
        "[1::]:80",
        "[::ffff:192.0.2.1]:80",
        "[64:ff9b::1.2.3.4]:80",
        "localhost:6881",
        "peer.example:7003",
        "a-b.c-d.example:1",
        "xn--nxasmq6b.example:443",
        "1host.example:9",
        "0x10.example:9"
      })
  void readsIpv4BracketedIpv6AndHostNamesAndWritesThemBack(String text) {
    PeerAddress address = PeerAddress.parse(text);
    assertThat(address).hasToString(text);
    assertThat(PeerAddress.parse(address.toString())).isEqualTo(address);
    assertThat(PeerAddress.tryParse(text)).contains(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":",
        "1.2.3.4",
        "1.2.3.4:",
        ":6881",
        "[::1]",
        "1.2.3.4:0",
        "1.2.3.4:65536",
        "1.2.3.4:70000",
        "1.2.3.4:99999",
        "1.2.3.4:123456",
        "1.2.3.4:06881",
        "1.2.3.4:+80",
        "1.2.3.4:-1",
        "1.2.3.4:x",
        "1.2.3.4:6881 ",
        "1.2.3.4:٦٨٨١",
        "::1:6881",
        "2001:db8::1:6881",
        "[1.2.3.4]:80",
        "[peer.example]:80",
        "[]:80",
        "[:80",
        "]:80",
        "[::1:80",
        "[::1]]:80",
        "[[::1]]:80",
        "[::1%eth0]:80",
        "[::1%25eth0]:80",
        "[1:2:3:4:5:6:7:8:9]:80",
        "[1:2:3:4:5:6:7]:80",
        "[1::2::3]:80",
        "[:::1]:80",
        "[1.2.3.4::]:80",
        "[::12345]:80",
        "[::g]:80",
        "[::1.2.3]:80",
        "300.0.0.1:6881",
        "1.2.3:6881",
        "127.1:6881",
        "010.0.0.1:6881",
        "1.2.3.4.5:6881",
        "host with space:1",
        "host_name:1",
        "-host:1",
        "host-:1",
        "a..b:1",
        ".example:1",
        "example.:1",
        "exa\u0000mple:1",
        "exa\nmple:1",
        "exa\u007Fmple:1",
        "p\u00E9er.example:1",
        "user@host:1",
        "host/path:1",
        "host?:1",
        "%31.2.3.4:1"
      })
  void refusesMalformedAndHostileText(String text) {
    assertThatThrownBy(() -> PeerAddress.parse(text))
        .isInstanceOf(InvalidPeerAddressException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("peer address ");
    assertThat(PeerAddress.tryParse(text)).isEmpty();
  }

  @Test
  void refusesNullAndHugeTextBeforeReadingIt() {
    assertThat(PeerAddress.tryParse(null)).isEmpty();
    String huge = "a".repeat(10_000_000) + ":1";
    assertThatThrownBy(() -> PeerAddress.parse(huge))
        .isInstanceOf(InvalidPeerAddressException.class)
        .hasMessage("peer address is longer than 259 characters");
    String longest = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61) + ":65535";
    assertThat(longest).hasSize(PeerAddress.MAX_LENGTH);
    assertThat(PeerAddress.parse(longest).host()).hasSize(253);
    assertThat(PeerAddress.tryParse("a".repeat(64) + ":1")).isEmpty();
  }

  @Test
  void reasonsNameWhatIsWrongAndQuoteTheInputSafely() {
    assertThat(reason("localhost")).isEqualTo("must be HOST:PORT, got 'localhost'");
    assertThat(reason("127.0.0.1:99999")).isEqualTo("port must be 1..65535, got '99999'");
    assertThat(reason("::1:6881"))
        .isEqualTo("with an IPv6 address must be [ADDR]:PORT, got '::1:6881'");
    assertThat(reason("[peer.example]:1"))
        .isEqualTo("host in brackets must be an IPv6 address, got '[peer.example]'");
    assertThat(reason("300.0.0.1:1")).isEqualTo("host '300.0.0.1' is not an IPv4 address");
    assertThat(reason("bad\u0007host:1"))
        .isEqualTo("host must be an IP address or a host name, got 'bad?host'");
    assertThat(reason("x".repeat(200) + "\n:1")).hasSizeLessThan(150).doesNotContain("\n");
  }

  @Test
  void constructorKeepsTheSameRule() {
    assertThat(new PeerAddress("::1", 6881)).hasToString("[::1]:6881");
    assertThat(new PeerAddress("10.0.0.1", 1)).isEqualTo(PeerAddress.parse("10.0.0.1:1"));
    assertThatThrownBy(() -> new PeerAddress("[::1]", 1))
        .isInstanceOf(InvalidPeerAddressException.class);
    assertThatThrownBy(() -> new PeerAddress("", 1))
        .isInstanceOf(InvalidPeerAddressException.class);
    assertThatThrownBy(() -> new PeerAddress("a b", 1))
        .isInstanceOf(InvalidPeerAddressException.class);
    assertThatThrownBy(() -> new PeerAddress("10.0.0.1", 0))
        .isInstanceOf(InvalidPeerAddressException.class)
        .hasMessage("peer address port must be 1..65535, got '0'");
    assertThatThrownBy(() -> new PeerAddress("10.0.0.1", 65536))
        .isInstanceOf(InvalidPeerAddressException.class);
    assertThatThrownBy(() -> new PeerAddress(null, 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void socketAddressesNeverNeedDns() throws Exception {
    assertThat(PeerAddress.parse("10.0.0.1:6881").toInetSocketAddress())
        .isEqualTo(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 6881));
    InetSocketAddress v6 = PeerAddress.parse("[2001:db8::1]:51413").toInetSocketAddress();
    assertThat(v6.isUnresolved()).isFalse();
    assertThat(v6.getAddress().getAddress())
        .containsExactly(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    assertThat(PeerAddress.parse("[::ffff:1.2.3.4]:1").toInetSocketAddress().getAddress())
        .isEqualTo(InetAddress.getByAddress(new byte[] {1, 2, 3, 4}));
    InetSocketAddress name = PeerAddress.parse("peer.example:7003").toInetSocketAddress();
    assertThat(name.isUnresolved()).isTrue();
    assertThat(name.getHostString()).isEqualTo("peer.example");
    assertThat(name.getPort()).isEqualTo(7003);
    assertThat(PeerAddress.parse("peer.example:1").isIpLiteral()).isFalse();
    assertThat(PeerAddress.parse("[::1]:1").isIpLiteral()).isTrue();
    assertThat(PeerAddress.parse("1.2.3.4:1").isIpLiteral()).isTrue();
  }

  @Test
  void randomTextIsEitherRefusedOrReadBackExactly() {
    Random random = new Random(13);
    String alphabet = "0123456789abcdefABCDEF.:[]-%_ /\\@\u0000\n\u00E9x";
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(24);
      for (int k = 0; k < length; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = b.toString();
      try {
        PeerAddress address = PeerAddress.parse(text);
        assertThat(address).hasToString(text);
        assertThat(address.port()).isBetween(1, 65535);
        address.toInetSocketAddress();
      } catch (InvalidPeerAddressException refused) {
        assertThat(refused.getMessage()).startsWith("peer address ");
      }
    }
  }

  private static String reason(String text) {
    try {
      PeerAddress.parse(text);
    } catch (InvalidPeerAddressException e) {
      return e.reason();
    }
    throw new AssertionError("accepted " + text);
  }
}
