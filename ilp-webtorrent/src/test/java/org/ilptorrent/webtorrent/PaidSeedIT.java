package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.stream.wallet.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing a paid torrent against a real wallet, verifier and tracker on 127.0.0.1: the price is
 * restated at the wallet's scale or refused before anything is registered, the torrent is
 * registered and announced with the seeder token, the token stays in a 0600 state file and out of
 * the magnet and .torrent, and a restart with the same state seeds on with it.
 */
class PaidSeedIT {
  private static final String VERIFIER_TOKEN = "verifier-operator-token";
  private static final String TRACKER_TOKEN = "tracker-operator-token";

  @TempDir Path dir;

  private Wallet wallet;
  private ReceiptVerifierServer verifier;
  private TrackerServer tracker;
  private Path data;

  @BeforeEach
  void services() throws Exception {
    wallet = Wallet.builder().account("alice", "USD", 9, 0).start();
    verifier = ReceiptVerifierServer.builder().registrationToken(VERIFIER_TOKEN).start();
    tracker =
        TrackerServer.builder()
            .allowVerifier(verifier.uri())
            .registrationToken(TRACKER_TOKEN)
            .dataDirectory(dir.resolve("tracker"))
            .start();
    data = dir.resolve("share/film.bin");
    Swarms.writeRandom(data, 300_000, 3);
  }

  @AfterEach
  void stop() throws Exception {
    tracker.close();
    verifier.close();
    wallet.close();
  }

  private PaidSeedOptions.Builder options(String price) {
    return PaidSeedOptions.builder()
        .wallet(wallet.pointer("alice"))
        .price(new BigDecimal(price))
        .verifier(verifier.uri())
        .addTracker(tracker.webSocketUri().toString())
        .verifierToken(VERIFIER_TOKEN)
        .trackerToken(TRACKER_TOKEN)
        .stateFolder(dir.resolve("state"));
  }

  @Test
  void publishesAtTheWalletsScaleAndARestartReusesTheToken() throws Exception {
    String infoHash;
    String stateText;
    try (WebTorrent seeder = Swarms.client(dir.resolve("unused"))) {
      Torrent t = seeder.seedPaid(data, options("0.50").build());
      t.whenDone().get(30, TimeUnit.SECONDS);
      TorrentInfo made = t.metadata().orElseThrow();
      License license = made.license().orElseThrow();
      assertThat(license.amount()).isEqualTo(BigInteger.valueOf(500_000_000L));
      assertThat(license.assetCode()).isEqualTo("USD");
      assertThat(license.assetScale()).isEqualTo(9);
      assertThat(license.paymentPointer().toString()).startsWith(verifier.uri() + "/spsp/");
      assertThat(made.isLicenseCommitted()).isTrue();
      assertThat(made.isPrivate()).isTrue();
      assertThat(t.isPaid()).isTrue();
      MagnetUri magnet = made.toMagnetUri();
      assertThat(magnet.paymentPointer()).hasValue(license.paymentPointer());
      assertThat(magnet.verifier()).isPresent();
      infoHash = made.infoHash().toHex();

      Path file = dir.resolve("state/paid-seed.properties");
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      stateText = Files.readString(file);
      String token =
          stateText.lines().filter(l -> l.contains(".seederToken=")).findFirst().orElseThrow();
      String secret = token.substring(token.indexOf('=') + 1);
      assertThat(magnet.toString()).doesNotContain(secret);
      assertThat(new String(made.toTorrentFile(), StandardCharsets.ISO_8859_1))
          .doesNotContain(secret);
      assertThat(t.toString()).doesNotContain(secret);

      // the seeder announced with its token: the tracker counts it in the paid swarm
      Await.until(
          "the tracker to count the paid seeder",
          Duration.ofSeconds(20),
          () -> tracker.stats().peers() > 0);
      assertThat(tracker.stats().peers()).isEqualTo(1);
    }
    try (WebTorrent again = Swarms.client(dir.resolve("unused"))) {
      Torrent t = again.seedPaid(data, options("0.50").build());
      assertThat(t.infoHash().toHex()).isEqualTo(infoHash);
      assertThat(Files.readString(dir.resolve("state/paid-seed.properties")))
          .as("the stored token is reused, not replaced")
          .contains(stateText.lines().filter(l -> l.contains(".seederToken=")).findFirst().get());
    }
    try (WebTorrent elsewhere = Swarms.client(dir.resolve("unused"))) {
      assertThatThrownBy(
              () ->
                  elsewhere.seedPaid(
                      data, options("0.50").stateFolder(dir.resolve("other")).build()))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining("already has this torrent registered")
          .hasMessageNotContaining(TRACKER_TOKEN);
    }
  }

  @Test
  void refusesAPriceTheWalletCannotHoldOrAnotherAssetBeforeRegisteringAnything() throws Exception {
    try (WebTorrent seeder = Swarms.client(dir.resolve("unused"))) {
      assertThatThrownBy(() -> seeder.seedPaid(data, options("0.0000000005").build()))
          .isInstanceOf(PublishException.class)
          .hasMessage(
              "the price 0.0000000005 USD cannot be written exactly at the wallet's scale 9"
                  + " (its smallest unit is 1e-9)");
      assertThatThrownBy(() -> seeder.seedPaid(data, options("0.50").assetCode("EUR").build()))
          .isInstanceOf(PublishException.class)
          .hasMessageStartingWith("the price is in EUR but the wallet ");
      assertThat(dir.resolve("state")).doesNotExist();
      assertThat(tracker.stats().peers()).isZero();
      assertThat(seeder.torrents()).isEmpty();
    }
  }

  @Test
  void registrationFailuresAreClearErrors() throws Exception {
    try (WebTorrent seeder = Swarms.client(dir.resolve("unused"))) {
      PaidSeedOptions noVerifierToken =
          PaidSeedOptions.builder()
              .wallet(wallet.pointer("alice"))
              .price(new BigDecimal("1"))
              .verifier(verifier.uri())
              .addTracker(tracker.webSocketUri().toString())
              .stateFolder(dir.resolve("s1"))
              .build();
      assertThatThrownBy(() -> seeder.seedPaid(data, noVerifierToken))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining("refused to register the wallet")
          .hasMessageEndingWith("give its operator token");
      assertThatThrownBy(
              () ->
                  seeder.seedPaid(
                      data,
                      PaidSeedOptions.builder()
                          .wallet(wallet.pointer("alice"))
                          .price(new BigDecimal("1"))
                          .verifier(verifier.uri())
                          .addTracker(tracker.webSocketUri().toString())
                          .verifierToken(VERIFIER_TOKEN)
                          .stateFolder(dir.resolve("s2"))
                          .build()))
          .isInstanceOf(PublishException.class)
          .hasMessageEndingWith("refused the registration: give its operator token");
      try (ReceiptVerifierServer other =
          ReceiptVerifierServer.builder().registrationToken(VERIFIER_TOKEN).start()) {
        assertThatThrownBy(
                () ->
                    seeder.seedPaid(
                        data,
                        options("1").verifier(other.uri()).stateFolder(dir.resolve("s3")).build()))
            .isInstanceOf(PublishException.class)
            .hasMessageContaining("403 verifier not allowed");
      }
      assertThatThrownBy(
              () ->
                  seeder.seedPaid(
                      data,
                      PaidSeedOptions.builder()
                          .wallet(wallet.pointer("alice"))
                          .price(new BigDecimal("1"))
                          .verifier(verifier.uri())
                          .addTracker("udp://127.0.0.1:1")
                          .build()))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining("needs HTTP(S) or WebSocket trackers");
    }
  }
}
