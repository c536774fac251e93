package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.ilptorrent.create.CreatedTorrent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracker with a data directory remembers paid torrents and who paid across restarts: a balance
 * funded with exactly the price still gets in after a restart, which it could not if the tracker
 * spent again.
 */
class PersistenceIT {
  @TempDir Path dir;
  private PaidSetup setup;
  private Path data;

  @BeforeEach
  void start() throws Exception {
    setup = new PaidSetup(dir);
    data = dir.resolve("tracker-data");
  }

  @AfterEach
  void stop() throws Exception {
    setup.close();
  }

  private TrackerServer tracker() throws Exception {
    return TrackerServer.builder().allowVerifier(setup.verifier.uri()).dataDirectory(data).start();
  }

  private String announce(char peer, String balanceId) {
    return PaidSetup.announce(setup.binaryHash(), peer, "requestId", balanceId);
  }

  private static String permissions(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void registrationsAndEntitlementsSurviveARestart() throws Exception {
    String balance = setup.fundedBalance(300);
    String token;
    try (TrackerServer first = tracker()) {
      token = first.registerPaidTorrent(setup.torrent.torrentFile());
      WsTestClient peer = new WsTestClient(first.webSocketUri());
      peer.sendJson(announce('a', balance));
      assertThat(peer.next().path("failure reason").isMissingNode()).isTrue();
      assertThat(setup.balance(balance)).isZero();
      peer.close();
    }
    String journal = Files.readString(data.resolve("tracker.journal"));
    assertThat(journal).as("balance ids are secrets").doesNotContain(balance);
    assertThat(journal).as("seeder tokens are secrets").doesNotContain(token);
    assertThat(permissions(data)).isEqualTo("rwx------");
    assertThat(permissions(data.resolve("torrents"))).isEqualTo("rwx------");
    assertThat(permissions(data.resolve("tracker.journal"))).isEqualTo("rw-------");
    assertThat(
            permissions(
                data.resolve("torrents").resolve(setup.torrent.infoHash().toHex() + ".torrent")))
        .isEqualTo("rw-------");

    try (TrackerServer second = tracker()) {
      assertThat(second.stats().paidTorrents()).isEqualTo(1);
      assertThatThrownBy(() -> second.registerPaidTorrent(setup.torrent.torrentFile()))
          .as("the token was given out once; only its digest is kept")
          .isInstanceOfSatisfying(
              PaidTorrentException.class,
              e ->
                  assertThat(e.reason()).isEqualTo(PaidTorrentException.Reason.ALREADY_REGISTERED));
      WsTestClient seeder = new WsTestClient(second.webSocketUri());
      seeder.sendJson(PaidSetup.announce(setup.binaryHash(), 's', "seeder_token", token));
      assertThat(seeder.next().path("complete").asInt())
          .as("the seeder token is recognised by its digest")
          .isEqualTo(1);
      seeder.close();
      WsTestClient peer = new WsTestClient(second.webSocketUri());
      peer.sendJson(announce('a', balance));
      assertThat(peer.next().path("failure reason").isMissingNode())
          .as("admitted without a second spend")
          .isTrue();
      peer.close();
      WsTestClient poor = new WsTestClient(second.webSocketUri());
      poor.sendJson(announce('b', setup.fundedBalance(100)));
      assertThat(poor.next().path("failure reason").asText()).isEqualTo("payment failed");
      poor.close();
    }
  }

  @Test
  void aTornLastLineIsDroppedAndTheRestKept() throws Exception {
    try (TrackerServer first = tracker()) {
      first.registerPaidTorrent(setup.torrent.torrentFile());
    }
    Files.writeString(
        data.resolve("tracker.journal"),
        "paid 12ab",
        StandardCharsets.US_ASCII,
        StandardOpenOption.APPEND);
    try (TrackerServer second = tracker()) {
      assertThat(second.stats().paidTorrents()).isEqualTo(1);
    }
    assertThat(Files.readString(data.resolve("tracker.journal"))).doesNotContain("12ab");
  }

  @Test
  void aJournalWithSeederTokensInClearIsRewrittenWithDigests() throws Exception {
    String hex = setup.torrent.infoHash().toHex();
    String token = "0123456789abcdef0123456789abcdef0123456789abcdef";
    Files.createDirectories(data.resolve("torrents"));
    Files.write(data.resolve("torrents").resolve(hex + ".torrent"), setup.torrent.torrentFile());
    Files.writeString(data.resolve("tracker.journal"), "torrent " + hex + " " + token + "\n");
    try (TrackerServer tracker = tracker()) {
      assertThat(Files.readString(data.resolve("tracker.journal")))
          .doesNotContain(token)
          .startsWith("torrent " + hex + " ");
      assertThat(permissions(data.resolve("tracker.journal"))).isEqualTo("rw-------");
      assertThat(permissions(data.resolve("torrents").resolve(hex + ".torrent")))
          .isEqualTo("rw-------");
      WsTestClient seeder = new WsTestClient(tracker.webSocketUri());
      seeder.sendJson(PaidSetup.announce(setup.binaryHash(), 's', "seeder_token", token));
      assertThat(seeder.next().path("complete").asInt()).isEqualTo(1);
      seeder.close();
    }
  }

  @Test
  void aStoredLicenceAboveTheLargestBalanceNeverBreaksAnAnnounce() throws Exception {
    // Registered by a tracker that did not yet refuse such amounts: the swarm must stay closed,
    // and every announce must still get an answer.
    CreatedTorrent huge = setup.paidTorrent("huge.bin", "9223372036854775808");
    String hex = huge.infoHash().toHex();
    Files.createDirectories(data.resolve("torrents"));
    Files.write(data.resolve("torrents").resolve(hex + ".torrent"), huge.torrentFile());
    Files.writeString(
        data.resolve("tracker.journal"),
        "torrent " + hex + " 0123456789abcdef0123456789abcdef0123456789abcdef\n");
    String binary = PaidSetup.binary(huge.infoHash().toBytes());
    try (TrackerServer tracker = tracker()) {
      WsTestClient peer = new WsTestClient(tracker.webSocketUri());
      peer.sendJson(PaidSetup.announce(binary, 'a', "requestId", setup.fundedBalance(1000)));
      JsonNode refused = peer.next();
      assertThat(refused.path("failure reason").asText()).isEqualTo("payment required");
      assertThat(refused.path("info_hash").asText()).isEqualTo(binary);
      peer.sendJson(PaidSetup.announce(binary, 'a', "requestId", "unknown-balance"));
      assertThat(peer.next().path("failure reason").asText()).isEqualTo("payment required");

      StringBuilder query = new StringBuilder();
      for (byte b : huge.infoHash().toBytes()) {
        query.append(String.format("%%%02X", b & 0xFF));
      }
      String answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              tracker.httpAnnounceUri().orElseThrow()
                                  + "?info_hash="
                                  + query
                                  + "&peer_id="
                                  + "h".repeat(20)
                                  + "&port=7000&left=5&requestId="
                                  + setup.fundedBalance(1000)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1))
              .body();
      assertThat(answer).startsWith("d14:failure reason16:payment required");
      peer.close();
    }
  }
}
