package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.parse.TestBencode.dict;
import static org.ilptorrent.parse.TestBencode.encode;
import static org.ilptorrent.parse.TestBencode.singleFile;

import java.math.BigInteger;
import java.net.URI;
import java.util.Map;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.junit.jupiter.api.Test;

class TorrentLicenseTest {
  private static final License LICENSE =
      new License(
          PaymentPointer.parse("http://127.0.0.1:3000/spsp/" + "ab".repeat(32)),
          URI.create("http://127.0.0.1:3000"),
          new BigInteger("1070000000"),
          "USD",
          9);

  private static Map<String, Object> licenseDict(String amount) {
    return dict(
        "amount",
        amount,
        "assetCode",
        "USD",
        "assetScale",
        9,
        "paymentPointer",
        LICENSE.paymentPointer().toString(),
        "verifier",
        "http://127.0.0.1:3000");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> info(Map<String, Object> torrent) {
    return (Map<String, Object>) torrent.get("info");
  }

  @Test
  void licenceInsideInfoIsCommittedAndTheMirrorKept() {
    Map<String, Object> t = singleFile("paid.bin", 40_000);
    info(t).put("license", licenseDict("1070000000"));
    info(t).put("private", 1);
    t.put("license", licenseDict("1070000000"));
    byte[] bytes = encode(t);

    TorrentInfo torrent = TorrentInfo.parse(bytes);

    assertThat(torrent.license()).contains(LICENSE);
    assertThat(torrent.isLicenseCommitted()).isTrue();
    assertThat(torrent.isPrivate()).isTrue();
    assertThat(torrent.toTorrentFile()).isEqualTo(bytes);
    assertThat(torrent.toMagnetUri().license()).contains(LICENSE.partial());
  }

  @Test
  void topLevelOnlyLicenceIsReadButNotCommitted() {
    Map<String, Object> t = singleFile("fork.bin", 40_000);
    t.put("license", licenseDict("1070000000"));

    TorrentInfo torrent = TorrentInfo.parse(encode(t));

    assertThat(torrent.license()).contains(LICENSE);
    assertThat(torrent.isLicenseCommitted()).isFalse();
  }

  @Test
  void licenceBindsToTheInfoHash() {
    Map<String, Object> paid = singleFile("x.bin", 40_000);
    info(paid).put("license", licenseDict("1070000000"));
    Map<String, Object> cheaper = singleFile("x.bin", 40_000);
    info(cheaper).put("license", licenseDict("1"));

    assertThat(TorrentInfo.parse(encode(paid)).infoHash())
        .isNotEqualTo(TorrentInfo.parse(encode(cheaper)).infoHash());
  }

  @Test
  void copiesThatDifferAreRefused() {
    Map<String, Object> t = singleFile("x.bin", 40_000);
    info(t).put("license", licenseDict("1070000000"));
    t.put("license", licenseDict("1"));

    assertThatThrownBy(() -> TorrentInfo.parse(encode(t)))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageContaining("license")
        .hasMessageContaining("differs");
  }

  @Test
  void integerAmountsAreRead() {
    Map<String, Object> t = singleFile("x.bin", 40_000);
    Map<String, Object> licence = licenseDict("0");
    licence.put("amount", 1070000000L);
    info(t).put("license", licence);

    assertThat(TorrentInfo.parse(encode(t)).license()).contains(LICENSE);
  }

  @Test
  void amountsUpToTwoTo64MinusOneAreRead() {
    Map<String, Object> t = singleFile("x.bin", 40_000);
    info(t).put("license", licenseDict("18446744073709551615"));

    assertThat(TorrentInfo.parse(encode(t)).license().orElseThrow().amount())
        .isEqualTo(License.MAX_AMOUNT);
  }

  @Test
  void amountsAboveTwoTo64MinusOneAreRefusedNamingTheAmount() {
    String[] amounts = {"18446744073709551616", "99999999999999999999999", "9".repeat(70)};
    for (String amount : amounts) {
      Map<String, Object> committed = singleFile("x.bin", 40_000);
      info(committed).put("license", licenseDict(amount));
      assertThatThrownBy(() -> TorrentInfo.parse(encode(committed)))
          .as(amount)
          .isInstanceOf(InvalidTorrentException.class)
          .hasMessageStartingWith("info.license.amount: must be at most 18446744073709551615")
          .extracting(e -> ((InvalidTorrentException) e).field())
          .isEqualTo("info.license.amount");
      // a fork torrent with its licence at top level only
      Map<String, Object> fork = singleFile("x.bin", 40_000);
      fork.put("license", licenseDict(amount));
      assertThatThrownBy(() -> TorrentInfo.parse(encode(fork)))
          .as(amount)
          .isInstanceOf(InvalidTorrentException.class)
          .hasMessageStartingWith("license.amount: must be at most");
      assertThat(TorrentInfo.tryParse(encode(fork))).isEmpty();
    }
  }

  @Test
  void malformedLicencesNameTheField() {
    String[][] cases = {
      {"amount", "-5", "info.license.amount"},
      {"amount", "1.5", "info.license.amount"},
      {"amount", "0", "info.license"},
      {"amount", "18446744073709551616", "info.license"},
      {"assetCode", "", "info.license"},
      {"paymentPointer", "wallet.example", "info.license"},
      {"verifier", "ftp://v.example", "info.license"},
    };
    for (String[] c : cases) {
      Map<String, Object> t = singleFile("x.bin", 40_000);
      Map<String, Object> licence = licenseDict("1070000000");
      licence.put(c[0], c[1]);
      info(t).put("license", licence);
      assertThatThrownBy(() -> TorrentInfo.parse(encode(t)))
          .as("%s=%s", c[0], c[1])
          .isInstanceOf(InvalidTorrentException.class)
          .hasMessageStartingWith(c[2]);
    }
    Map<String, Object> t = singleFile("x.bin", 40_000);
    info(t).put("license", "not a dict");
    assertThatThrownBy(() -> TorrentInfo.parse(encode(t))).hasMessageContaining("dictionary");
  }
}
