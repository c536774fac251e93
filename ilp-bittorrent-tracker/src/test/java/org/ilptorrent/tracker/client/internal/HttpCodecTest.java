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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @Test
  void readsPeerDictionariesAndUnsortedKeysAsRealTrackersSendThem() {
    AnnounceReply r =
        HttpCodec.parseAnnounce(
            b(
                "d8:intervali60e5:peersld4:porti6881e2:ip9:127.0.0.1e"
                    + "d2:ip4:host4:porti1eed2:ip3:::14:porti0eee8:completei2ee"),
            1024);
    assertThat(r)
        .isEqualTo(
            new AnnounceReply.Accepted(
                Duration.ofSeconds(60),
                null,
                2,
                0,
                java.util.List.of(new InetSocketAddress("127.0.0.1", 6881)),
                null,
                null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // truncated
        "''|truncated: no value (at byte 0)",
        "d8:intervali60e|truncated: input ends inside a value (at byte 15)",
        "d8:intervali60e5:peers9:abc|peers: truncated: string of 9 bytes runs past the end (at"
            + " byte 22)",
        "d8:intervali60|interval: truncated: input ends inside a value (at byte 14)",
        // malformed
        "d8:intervali060ee|interval: integer has a leading zero (at byte 11)",
        "d8:intervali-0ee|interval: integer is -0 (at byte 11)",
        "d8:intervalie5:peers0:e|interval: malformed integer (at byte 11)",
        "d8:intervali99999999999999999999ee|interval: integer is beyond 64 bits (at byte 11)",
        "d03:abci1ee|string length has a leading zero (at byte 1)",
        "d1:ai1e1:ai2ee|a: duplicate dictionary key (at byte 7)",
        "di1ei2ee|dictionary key is not a byte string (at byte 1)",
        "d1:ai1eei1e|3 trailing bytes after the value (at byte 8)",
        "d1:ax|a: unexpected byte 0x78 (at byte 4)",
        // not a dictionary
        "le|the answer is not a dictionary",
        "i1e|the answer is not a dictionary",
        // wrong types
        "d8:interval2:60e|interval is not a non-negative integer",
        "d8:intervali-1ee|interval is not a non-negative integer",
        "d12:min intervalle5:peers0:e|min interval is not a non-negative integer",
        "d5:peersi1ee|peers is neither a string nor a list",
        "d5:peersl3:abcee|a peer is not a dictionary with ip and port",
        "d5:peersld2:ip9:127.0.0.14:port4:6881eee|a peer is not a dictionary with ip and port",
        "d5:peers5:abcdee|compact peers: 5 bytes is not a multiple of 6",
      })
  void hostileAnswersBecomeFailuresThatSayWhatAndWhere(String answer, String message) {
    assertThat(HttpCodec.parseAnnounce(b(answer), 1024))
        .isEqualTo(new AnnounceReply.Failure("unreadable tracker answer: " + message));
  }

  @Test
  void answersAreBoundedInSizeAndDepth() {
    byte[] big = b("d5:peers" + 200 + ":" + "x".repeat(200) + "e");
    assertThat(HttpCodec.parseAnnounce(big, 100))
        .isEqualTo(
            new AnnounceReply.Failure(
                "unreadable tracker answer: input is longer than 100 bytes (at byte 100)"));
    String deep = "d1:x" + "l".repeat(40) + "e".repeat(40) + "e";
    assertThat(((AnnounceReply.Failure) HttpCodec.parseAnnounce(b(deep), 1000)).message())
        .startsWith("unreadable tracker answer: x")
        .endsWith("nested deeper than 32 (at byte 35)");
    String shallow = "d1:x" + "l".repeat(31) + "e".repeat(31) + "e";
    assertThat(HttpCodec.parseAnnounce(b(shallow), 1000))
        .isInstanceOf(AnnounceReply.Accepted.class);
  }

  @Test
  void hostileScrapeAnswersAreIllegalArguments() {
    byte[] hash = new byte[20];
    for (String answer : java.util.List.of("d5:filesd", "le", "d5:files3:abce", "i01e")) {
      assertThatThrownBy(() -> HttpCodec.parseScrape(b(answer), 1024, hash))
          .as(answer)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> HttpCodec.parseScrape(new byte[101], 100, hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("input is longer than 100 bytes (at byte 100)");
    assertThat(
            HttpCodec.parseScrape(
                b("d5:filesd20:" + "\u0000".repeat(20) + "d8:completei-1e10:incomplete1:xeee"),
                1024,
                hash))
        .as("counts of the wrong type or sign read as 0")
        .isEqualTo(new ScrapeCounts(0, 0, 0));
  }
}
