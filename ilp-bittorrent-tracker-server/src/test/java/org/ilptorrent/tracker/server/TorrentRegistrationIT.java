package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ilptorrent.create.TorrentCreator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /torrents}: registering paid torrents over HTTP, and every way it can be refused. */
class TorrentRegistrationIT {
  @TempDir Path dir;
  private PaidSetup setup;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    setup = new PaidSetup(dir);
  }

  @AfterEach
  void stop() throws Exception {
    setup.close();
  }

  /** POST /torrents with the tracker's operator token. */
  private HttpResponse<String> post(TrackerServer tracker, byte[] body) throws Exception {
    return post(tracker, body, "Bearer " + tracker.registrationToken().orElseThrow());
  }

  private HttpResponse<String> post(TrackerServer tracker, byte[] body, String authorization)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tracker.port() + "/torrents"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCommittedPaidTorrentIsRegisteredOnceAndGated() throws Exception {
    try (TrackerServer tracker =
        TrackerServer.builder().allowVerifier(setup.verifier.uri()).start()) {
      HttpResponse<String> created = post(tracker, setup.torrent.torrentFile());
      assertThat(created.statusCode()).isEqualTo(201);
      JsonNode answer = new ObjectMapper().readTree(created.body());
      assertThat(answer.path("infoHash").asText()).isEqualTo(setup.torrent.infoHash().toHex());
      assertThat(answer.path("seederToken").asText()).matches("[0-9a-f]{48}");

      HttpResponse<String> again = post(tracker, setup.torrent.torrentFile());
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.body()).isEqualTo("already registered").doesNotContain("seeder");
      assertThat(tracker.stats().paidTorrents()).isEqualTo(1);

      String announce =
          tracker.httpAnnounceUri().orElseThrow()
              + "?info_hash="
              + setup.queryHash()
              + "&peer_id="
              + "p".repeat(20)
              + "&port=6000&left=10";
      String refused =
          http.send(
                  HttpRequest.newBuilder(URI.create(announce)).build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1))
              .body();
      assertThat(refused).startsWith("d14:failure reason16:payment required7:license");
      String seeding =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              announce + "&seeder_token=" + answer.path("seederToken").asText()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1))
              .body();
      assertThat(seeding).contains("5:peers");
    }
  }

  @Test
  void refusalsCarryPreciseStatuses() throws Exception {
    Path free = dir.resolve("free.bin");
    Files.write(free, new byte[10]);
    byte[] freeTorrent = TorrentCreator.builder().addPath(free).build().create().torrentFile();
    try (TrackerServer strict =
            TrackerServer.builder().allowVerifier(URI.create("http://127.0.0.1:1")).start();
        TrackerServer open = TrackerServer.builder().allowVerifier(setup.verifier.uri()).start()) {
      HttpResponse<String> notAllowed = post(strict, setup.torrent.torrentFile());
      assertThat(notAllowed.statusCode()).isEqualTo(403);
      assertThat(notAllowed.body()).isEqualTo("verifier not allowed");

      HttpResponse<String> unlicensed = post(open, freeTorrent);
      assertThat(unlicensed.statusCode()).isEqualTo(422);
      assertThat(unlicensed.body()).isEqualTo("the torrent has no licence");

      HttpResponse<String> garbage = post(open, "d4:infoi1ee".getBytes());
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(garbage.body()).startsWith("invalid torrent: ");

      byte[] truncated = setup.torrent.torrentFile();
      truncated = java.util.Arrays.copyOf(truncated, truncated.length / 2);
      assertThat(post(open, truncated).statusCode()).isEqualTo(400);
      assertThat(post(open, new byte[0]).statusCode()).isEqualTo(400);
      assertThat(open.stats().paidTorrents()).isZero();
    }
  }

  @Test
  void aRegistrationTokenIsRequiredWhenConfigured() throws Exception {
    try (TrackerServer tracker =
        TrackerServer.builder()
            .allowVerifier(setup.verifier.uri())
            .registrationToken("s3cret")
            .start()) {
      assertThat(post(tracker, setup.torrent.torrentFile(), null).statusCode()).isEqualTo(401);
      assertThat(post(tracker, setup.torrent.torrentFile(), "Bearer wrong").statusCode())
          .isEqualTo(401);
      assertThat(post(tracker, setup.torrent.torrentFile(), "Bearer s3cret").statusCode())
          .isEqualTo(201);
    }
  }

  @Test
  void anOperatorTokenIsGeneratedOnFirstStartKeptPrivateAndRequired() throws Exception {
    Path data = dir.resolve("data");
    String token;
    try (TrackerServer first =
        TrackerServer.builder().allowVerifier(setup.verifier.uri()).dataDirectory(data).start()) {
      token = first.registrationToken().orElseThrow();
      assertThat(first.registrationTokenCreated()).isTrue();
      Path file = data.resolve("operator-token");
      assertThat(Files.readString(file).strip()).isEqualTo(token);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");

      HttpResponse<String> anonymous = post(first, setup.torrent.torrentFile(), null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).isEqualTo("unauthorized");
      assertThat(post(first, setup.torrent.torrentFile(), "Bearer wrong").statusCode())
          .isEqualTo(401);
      assertThat(first.stats().paidTorrents()).as("nobody squats a torrent").isZero();
      assertThat(post(first, setup.torrent.torrentFile(), "Bearer " + token).statusCode())
          .isEqualTo(201);
    }
    try (TrackerServer second =
        TrackerServer.builder().allowVerifier(setup.verifier.uri()).dataDirectory(data).start()) {
      assertThat(second.registrationToken()).contains(token);
      assertThat(second.registrationTokenCreated()).as("printed once, when created").isFalse();
    }
    try (TrackerServer memory =
        TrackerServer.builder().allowVerifier(setup.verifier.uri()).start()) {
      assertThat(memory.registrationToken().orElseThrow()).isNotEqualTo(token).hasSize(43);
    }
  }

  @Test
  void openRegistrationHasAQuotaPerAddressAndABudgetOfStoredBytes() throws Exception {
    byte[] a = setup.paidTorrent("a.bin", "10").torrentFile();
    byte[] b = setup.paidTorrent("b.bin", "10").torrentFile();
    byte[] c = setup.paidTorrent("c.bin", "10").torrentFile();
    try (TrackerServer open =
        TrackerServer.builder()
            .allowVerifier(setup.verifier.uri())
            .openRegistration(true)
            .maxRegistrationsPerAddress(2)
            .start()) {
      assertThat(open.registrationToken()).isEmpty();
      assertThat(post(open, a, null).statusCode()).isEqualTo(201);
      assertThat(post(open, b, null).statusCode()).isEqualTo(201);
      HttpResponse<String> third = post(open, c, null);
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.body()).isEqualTo("too many registrations");
      assertThat(open.stats().paidTorrents()).isEqualTo(2);
    }
    try (TrackerServer small =
        TrackerServer.builder()
            .allowVerifier(setup.verifier.uri())
            .openRegistration(true)
            .maxStoredTorrentBytes(a.length + b.length - 1)
            .start()) {
      assertThat(post(small, a, null).statusCode()).isEqualTo(201);
      HttpResponse<String> full = post(small, b, null);
      assertThat(full.statusCode()).isEqualTo(507);
      assertThat(full.body()).isEqualTo("registry full");
      assertThat(small.stats().paidTorrents()).isEqualTo(1);
    }
  }

  @Test
  void aLicenceAmountAboveTheLargestBalanceIsRefused() throws Exception {
    byte[] huge = setup.paidTorrent("huge.bin", "9223372036854775808").torrentFile();
    byte[] largest = setup.paidTorrent("largest.bin", "9223372036854775807").torrentFile();
    try (TrackerServer tracker =
        TrackerServer.builder().allowVerifier(setup.verifier.uri()).start()) {
      HttpResponse<String> refused = post(tracker, huge);
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(refused.body()).isEqualTo("the licence amount is above 9223372036854775807");
      assertThatThrownBy(() -> tracker.registerPaidTorrent(huge))
          .isInstanceOfSatisfying(
              PaidTorrentException.class,
              e -> assertThat(e.reason()).isEqualTo(PaidTorrentException.Reason.AMOUNT_TOO_LARGE));
      assertThat(post(tracker, largest).statusCode()).isEqualTo(201);
      assertThat(tracker.stats().paidTorrents()).isEqualTo(1);
    }
  }
}
