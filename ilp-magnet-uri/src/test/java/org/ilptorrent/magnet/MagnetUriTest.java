package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class MagnetUriTest {
  private static final String HASH = "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";
  private static final String FORK =
      "magnet:?xt=urn:btih:"
          + HASH
          + "&dn=Leaves+of+Grass&tr=wss%3A%2F%2Ftracker.example"
          + "&pp=%24wallet.example%2Falice&vr=https%3A%2F%2Fverifier.example";

  @Test
  void readsTheForkLicence() {
    MagnetUri magnet = MagnetUri.parse(FORK);

    assertThat(magnet.infoHash()).contains(InfoHash.fromHex(HASH));
    assertThat(magnet.name()).contains("Leaves of Grass");
    assertThat(magnet.announce()).containsExactly("wss://tracker.example");
    assertThat(magnet.license())
        .contains(
            new PartialLicense(
                PaymentPointer.parse("$wallet.example/alice"),
                URI.create("https://verifier.example")));
    assertThat(magnet.toString()).isEqualTo(FORK);
  }

  @Test
  void toleratesTheForkRepeatingPointerAndVerifier() {
    // The fork re-encodes a decoded object: pp/vr once raw, once escaped.
    String repeated =
        FORK + "&pp=$wallet.example/alice&vr=https://verifier.example&pp=%24wallet.example%2Falice";

    assertThat(MagnetUri.parse(repeated)).isEqualTo(MagnetUri.parse(FORK));
  }

  @Test
  void rejectsConflictingLicenceParameters() {
    assertThatThrownBy(() -> MagnetUri.parse(FORK + "&pp=%24evil.example%2Fmallory"))
        .isInstanceOf(InvalidMagnetUriException.class)
        .hasMessageContaining("'pp'")
        .hasMessageContaining("different values")
        .extracting(e -> ((InvalidMagnetUriException) e).parameter())
        .isEqualTo(java.util.Optional.of("pp"));
    assertThatThrownBy(() -> MagnetUri.parse(FORK + "&vr=https%3A%2F%2Fother.example"))
        .isInstanceOf(InvalidMagnetUriException.class)
        .hasMessageContaining("'vr'");
    assertThatThrownBy(() -> MagnetUri.parse(FORK + "&dn=Other")).hasMessageContaining("'dn'");
    assertThatThrownBy(() -> MagnetUri.parse(FORK + "&xt=urn:btih:" + "0".repeat(40)))
        .hasMessageContaining("'xt'");
  }

  @Test
  void keepsUnknownParametersInOrderThroughARoundTrip() {
    String uri =
        "magnet:?xt=urn:btih:"
            + HASH
            + "&x.foo=b%20r&xt=urn:sha1:ABC&xl=1234&flag&dn=x&x.bar=%ZZ-not-decoded";

    MagnetUri magnet = MagnetUri.parse(uri);

    assertThat(magnet.extraParameters())
        .containsExactly(
            new MagnetParameter("x.foo", "b%20r"),
            new MagnetParameter("xt", "urn:sha1:ABC"),
            new MagnetParameter("xl", "1234"),
            new MagnetParameter("flag", null),
            new MagnetParameter("x.bar", "%ZZ-not-decoded"));
    assertThat(magnet.toString())
        .isEqualTo(
            "magnet:?xt=urn:btih:"
                + HASH
                + "&dn=x&x.foo=b%20r&xt=urn:sha1:ABC&xl=1234&flag&x.bar=%ZZ-not-decoded");
    assertThat(MagnetUri.parse(magnet.toString())).isEqualTo(magnet);
  }

  @Test
  void readsBase32V2AndHybridTopics() {
    String v2 = "d8dd32ac93357c368556af3ac1d95c9d76bd0dff6fa9833ecdac3d53134efabb";
    MagnetUri hybrid =
        MagnetUri.parse(
            "magnet:?xt=URN:BTIH:2JDU5BWJLMM3RPH5XEV4CLE5IRTHZ6RW&xt=urn:btmh:1220"
                + v2.toUpperCase());

    assertThat(hybrid.infoHash()).contains(InfoHash.fromHex(HASH));
    assertThat(hybrid.infoHashV2()).contains(InfoHash.fromHex(v2));
    assertThat(hybrid.toString())
        .isEqualTo("magnet:?xt=urn:btih:" + HASH + "&xt=urn:btmh:1220" + v2);
    assertThat(MagnetUri.parse("magnet:?xt=urn:btmh:1220" + v2).infoHash()).isEmpty();
  }

  @Test
  void readsEveryMagnetUriParameter() {
    MagnetUri m =
        MagnetUri.parse(
            "magnet:?xt=urn:btih:"
                + HASH
                + "&as=https%3A%2F%2Fa.example&ws=https%3A%2F%2Fw.example&ws=https%3A%2F%2Fa.example"
                + "&xs=http%3A%2F%2Fx.example%2Ft&kt=one+two%2Bthree&x.pe=127.0.0.1:6881"
                + "&x.pe=[::1]:6881&so=0-2,5&ix=3&tr=udp%3A%2F%2Ft.example%3A80"
                + "&tr=udp%3A%2F%2Ft.example%3A80");

    assertThat(m.acceptableSources()).containsExactly("https://a.example");
    assertThat(m.webSeeds()).containsExactly("https://w.example", "https://a.example");
    assertThat(m.urlList()).containsExactly("https://a.example", "https://w.example");
    assertThat(m.exactSources()).containsExactly("http://x.example/t");
    assertThat(m.keywords()).containsExactly("one", "two+three");
    assertThat(m.peerAddresses())
        .containsExactly(PeerAddress.parse("127.0.0.1:6881"), new PeerAddress("::1", 6881));
    assertThat(m.selectOnly()).containsExactly(0, 1, 2, 5);
    assertThat(m.index()).hasValue(3);
    assertThat(m.announce()).containsExactly("udp://t.example:80");
    assertThat(m.license()).isEmpty();
    assertThat(MagnetUri.parse(m.toString())).isEqualTo(m);
  }

  @Test
  void buildsFromAFullLicence() {
    License license =
        License.ofPrice(
            PaymentPointer.parse("$wallet.example/alice"),
            URI.create("http://127.0.0.1:3000"),
            "0.5",
            "USD",
            2);

    MagnetUri magnet =
        MagnetUri.builder(InfoHash.fromHex(HASH))
            .name("a b")
            .addTrackers(List.of("ws://127.0.0.1:8000"))
            .license(license.partial())
            .build();

    assertThat(license.amount()).isEqualTo(BigInteger.valueOf(50));
    assertThat(magnet.toString())
        .isEqualTo(
            "magnet:?xt=urn:btih:"
                + HASH
                + "&dn=a+b&tr=ws%3A%2F%2F127.0.0.1%3A8000"
                + "&pp=%24wallet.example%2Falice&vr=http%3A%2F%2F127.0.0.1%3A3000");
    assertThat(magnet.license().orElseThrow().matches(license)).isTrue();
  }

  @Test
  void builderIsStrict() {
    MagnetUri.Builder b = MagnetUri.builder(InfoHash.fromHex(HASH));
    assertThatThrownBy(() -> b.name("bad \uD800")).hasMessageContaining("'dn'");
    assertThatThrownBy(() -> b.addPeerAddress("host with space:1")).hasMessageContaining("x.pe");
    assertThatThrownBy(() -> b.addPeerAddress("host:70000")).hasMessageContaining("x.pe");
    assertThatThrownBy(() -> b.addExactSource("urn:btpk:xyz")).hasMessageContaining("'xs'");
    assertThatThrownBy(() -> b.addParameter(new MagnetParameter("tr", "x")))
        .hasMessageContaining("'tr'");
    assertThatThrownBy(() -> b.addParameter(new MagnetParameter("xt", "urn:btih:" + HASH)))
        .hasMessageContaining("'xt'");
    assertThatThrownBy(() -> new MagnetParameter("k", "a&b")).hasMessageContaining("'k'");
    assertThatThrownBy(() -> b.verifier(URI.create("ftp://x"))).hasMessageContaining("'vr'");
    assertThatThrownBy(() -> MagnetUri.builder().build()).hasMessageContaining("'xt'");
  }

  @Test
  void tryParseIsEmptyInsteadOfThrowing() {
    assertThat(MagnetUri.tryParse("magnet:?dn=no-hash")).isEmpty();
    assertThat(MagnetUri.tryParse(FORK)).isPresent();
  }
}
