package org.ilptorrent.tracker.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ilptorrent.magnet.License;
import org.junit.jupiter.api.Test;

class HttpCodecTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void escapesEverythingButUnreservedCharacters() {
    assertThat(HttpCodec.escape(new byte[] {0, ' ', '%', '&', '+', (byte) 0xFF, 'a', 'Z', '9'}))
        .isEqualTo("%00%20%25%26%2B%FFaZ9");
    assertThat(HttpCodec.escape(b("-._~"))).isEqualTo("-._~");
  }

  @Test
  void scrapeUrlsFollowBep48() {
    byte[] hash = new byte[20];
    String h = "%00".repeat(20);
    assertThat(HttpCodec.scrapeUri(URI.create("http://t.example/announce"), hash))
        .contains(URI.create("http://t.example/scrape?info_hash=" + h));
    assertThat(HttpCodec.scrapeUri(URI.create("http://t.example/x/announce.php?pk=1"), hash))
        .contains(URI.create("http://t.example/x/scrape.php?pk=1&info_hash=" + h));
    assertThat(HttpCodec.scrapeUri(URI.create("http://t.example/a"), hash)).isEmpty();
    assertThat(HttpCodec.scrapeUri(URI.create("http://t.example/announce/x"), hash)).isEmpty();
  }

  @Test
  void readsAnAnswer() {
    AnnounceReply r =
        HttpCodec.parseAnnounce(
            b(
                "d8:completei4e10:incompletei5e8:intervali1800e12:min intervali60e"
                    + "5:peers12:\u007f\u0000\u0000\u0001\u001a\u00e1\n\u0000\u0000\u0002\u0000\u0000e"),
            1024);
    assertThat(r)
        .isEqualTo(
            new AnnounceReply.Accepted(
                Duration.ofSeconds(1800),
                Duration.ofSeconds(60),
                4,
                5,
                java.util.List.of(new InetSocketAddress("127.0.0.1", 6881)),
                null,
                null));
    assertThat(
            ((AnnounceReply.Accepted) HttpCodec.parseAnnounce(b("d15:warning message4:slowe"), 100))
                .warning())
        .isEqualTo("tracker warning: slow");
  }

  @Test
  void aPaymentRequiredFailureCarriesTheLicence() {
    AnnounceReply r =
        HttpCodec.parseAnnounce(
            b(
                "d14:failure reason16:payment required7:licensed6:amount3:300"
                    + "9:assetCode3:USD10:assetScalei2e14:paymentPointer21:$wallet.example/alice"
                    + "8:verifier24:https://verifier.examplee"
                    + "e"),
            1024);
    assertThat(r).isInstanceOf(AnnounceReply.PaymentRequired.class);
    License license = ((AnnounceReply.PaymentRequired) r).license();
    assertThat(license.amount()).isEqualTo(BigInteger.valueOf(300));
    assertThat(license.assetScale()).isEqualTo(2);
    assertThat(license.verifier()).isEqualTo(URI.create("https://verifier.example"));
    assertThat(license.paymentPointer().toString()).isEqualTo("$wallet.example/alice");
  }

  @Test
  void otherFailuresAreMessages() {
    assertThat(HttpCodec.parseAnnounce(b("d14:failure reason3:no\u0001e"), 100))
        .isEqualTo(new AnnounceReply.Failure("tracker failure: no?"));
    assertThat(HttpCodec.parseAnnounce(b("d14:failure reason16:payment requirede"), 100))
        .isEqualTo(new AnnounceReply.Failure("tracker failure: payment required"));
    assertThat(HttpCodec.parseAnnounce(b("d8:intervali-1ee"), 100))
        .isEqualTo(
            new AnnounceReply.Failure(
                "unreadable tracker answer: interval is not a non-negative integer"));
    assertThat(HttpCodec.parseAnnounce(b("d14:failure reason16:payment required7:license0:e"), 100))
        .isEqualTo(
            new AnnounceReply.Failure(
                "payment required, but the licence is unreadable: license is not a dictionary"));
  }

  @Test
  void scrapeAnswersAreReadForOneTorrent() {
    byte[] hash = new byte[20];
    hash[0] = (byte) 0xFF;
    String key = new String(hash, StandardCharsets.ISO_8859_1);
    ScrapeCounts c =
        HttpCodec.parseScrape(
            b("d5:filesd20:" + key + "d8:completei1e10:downloadedi2e10:incompletei3eeee"),
            1024,
            hash);
    assertThat(c).isEqualTo(new ScrapeCounts(1, 3, 2));
    // npm bittorrent-tracker's key: the UTF-8 of the one-char-per-byte string (0xFF -> C3 BF).
    String npmKey = new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(HttpCodec.parseScrape(b("d5:filesd21:" + npmKey + "d8:completei4eeee"), 1024, hash))
        .isEqualTo(new ScrapeCounts(4, 0, 0));
    assertThatThrownBy(() -> HttpCodec.parseScrape(b("d5:filesdee"), 1024, hash))
        .hasMessage("scrape answer without this torrent");
  }
}
