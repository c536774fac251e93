package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.AccessTicket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access tickets from a real tracker: an admitted announce of a paid torrent that names its leecher
 * key gets a ticket that verifies under the key {@code POST /torrents} published, bound to that key
 * and the info hash; no admission, no ticket; the key outlives a restart with a data directory.
 */
class AccessTicketIssuanceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private PaidSetup setup;
  private TrackerServer tracker;

  @BeforeEach
  void start() throws Exception {
    setup = new PaidSetup(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (tracker != null) {
      tracker.close();
    }
    setup.close();
  }

  private TrackerServer startTracker(Path data) throws Exception {
    TrackerServer.Builder b =
        TrackerServer.builder()
            .allowVerifier(setup.verifier.uri())
            .ticketLifetime(Duration.ofMinutes(7));
    if (data != null) {
      b.dataDirectory(data);
    }
    return b.start();
  }

  /** {@code POST /torrents} with the operator token: the answer's JSON. */
  private JsonNode register(TrackerServer t) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.port() + "/torrents"))
                    .header("Authorization", "Bearer " + t.registrationToken().orElseThrow())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(setup.torrent.torrentFile()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private String announce(char peer, String balance, String leecherKey) {
    ObjectNode m = JSON.createObjectNode();
    m.put("action", "announce");
    m.put("info_hash", setup.binaryHash());
    m.put("peer_id", WsTestClient.id(peer));
    m.put("event", "started");
    m.put("left", 100);
    if (balance != null) {
      m.put("requestId", balance);
    }
    if (leecherKey != null) {
      m.put("leecher_key", leecherKey);
    }
    return m.toString();
  }

  @Test
  void anAdmittedAnnounceGetsATicketBoundToItsKeyAndTheTorrent() throws Exception {
    tracker = startTracker(null);
    JsonNode registered = register(tracker);
    String published = registered.path("ticketKey").asText();
    assertThat(published).matches("[0-9a-f]{64}");
    assertThat(AccessKeys.toHex(tracker.ticketKey())).isEqualTo(published);
    PublicKey trackerKey = AccessKeys.publicKey(published);

    KeyPair leecher = AccessKeys.generate();
    String leecherHex = AccessKeys.toHex(leecher.getPublic());
    WsTestClient ws = new WsTestClient(tracker.webSocketUri());

    ws.sendJson(announce('l', null, leecherHex));
    JsonNode refused = ws.next();
    assertThat(refused.path("failure reason").asText()).isEqualTo("payment required");
    assertThat(refused.has("access_ticket")).as("no admission, no ticket").isFalse();

    String poor = setup.fundedBalance(100);
    ws.sendJson(announce('l', poor, leecherHex));
    JsonNode failed = ws.next();
    assertThat(failed.path("failure reason").asText()).isEqualTo("payment failed");
    assertThat(failed.has("access_ticket")).isFalse();

    String balance = setup.fundedBalance(300);
    Instant before = Instant.now();
    ws.sendJson(announce('l', balance, leecherHex));
    JsonNode admitted = ws.next();
    assertThat(admitted.has("failure reason")).isFalse();
    assertThat(admitted.path("ticket_key").asText()).isEqualTo(published);
    AccessTicket ticket = AccessTicket.fromHex(admitted.path("access_ticket").asText());
    ticket.verify(trackerKey, setup.torrent.infoHash(), Instant.now());
    assertThat(ticket.leecherKey()).isEqualTo(AccessKeys.raw(leecher.getPublic()));
    assertThat(ticket.infoHash()).isEqualTo(setup.torrent.infoHash());
    assertThat(ticket.expiry())
        .isBetween(
            before.plus(Duration.ofMinutes(7)).minusSeconds(1),
            Instant.now().plus(Duration.ofMinutes(7)));

    // Admitted without naming a key: nothing to bind, no ticket.
    WsTestClient keyless = new WsTestClient(tracker.webSocketUri());
    keyless.sendJson(announce('k', balance, null));
    JsonNode plain = keyless.next();
    assertThat(plain.has("failure reason")).isFalse();
    assertThat(plain.has("access_ticket")).isFalse();

    WsTestClient bad = new WsTestClient(tracker.webSocketUri());
    bad.sendJson(announce('b', balance, "xyz"));
    assertThat(bad.next().path("failure reason").asText()).isEqualTo("invalid leecher_key");
  }

  @Test
  void httpAnnouncesGetTheTicketAsBencodedHex() throws Exception {
    tracker = startTracker(null);
    String published = register(tracker).path("ticketKey").asText();
    KeyPair leecher = AccessKeys.generate();
    String base =
        tracker.httpAnnounceUri().orElseThrow()
            + "?info_hash="
            + setup.queryHash()
            + "&peer_id="
            + "h".repeat(20)
            + "&port=7000&left=5&compact=1&leecher_key="
            + AccessKeys.toHex(leecher.getPublic());
    String unpaid = get(base);
    assertThat(unpaid).contains("payment required").doesNotContain("access ticket");

    String balance = setup.fundedBalance(300);
    String paid = get(base + "&requestId=" + balance);
    int at = paid.indexOf("13:access ticket250:");
    assertThat(at).isPositive();
    String hex = paid.substring(at + "13:access ticket250:".length(), at + 20 + 250);
    AccessTicket ticket = AccessTicket.fromHex(hex);
    ticket.verify(AccessKeys.publicKey(published), setup.torrent.infoHash(), Instant.now());
    assertThat(ticket.leecherKey()).isEqualTo(AccessKeys.raw(leecher.getPublic()));
    assertThat(paid).contains("10:ticket key64:" + published);
  }

  @Test
  void thePaymentSlotsCountLeecherKeys() throws Exception {
    tracker = startTracker(null);
    register(tracker);
    String balance = setup.fundedBalance(300);
    String shared = AccessKeys.toHex(AccessKeys.generate().getPublic());
    // Three peer ids with one key: one slot of the two a payment has.
    for (char peer : new char[] {'a', 'b', 'c'}) {
      WsTestClient ws = new WsTestClient(tracker.webSocketUri());
      ws.sendJson(announce(peer, balance, shared));
      assertThat(ws.next().has("access_ticket")).isTrue();
    }
    WsTestClient second = new WsTestClient(tracker.webSocketUri());
    second.sendJson(announce('d', balance, AccessKeys.toHex(AccessKeys.generate().getPublic())));
    assertThat(second.next().has("access_ticket")).isTrue();
    WsTestClient third = new WsTestClient(tracker.webSocketUri());
    third.sendJson(announce('e', balance, AccessKeys.toHex(AccessKeys.generate().getPublic())));
    JsonNode refused = third.next();
    assertThat(refused.path("failure reason").asText())
        .isEqualTo("too many peers for this payment");
    assertThat(refused.has("access_ticket")).isFalse();
  }

  @Test
  void theKeyOutlivesARestart() throws Exception {
    Path data = dir.resolve("tracker");
    tracker = startTracker(data);
    String published = register(tracker).path("ticketKey").asText();
    Path file = data.resolve("ticket-key");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    tracker.close();

    tracker = startTracker(data);
    assertThat(AccessKeys.toHex(tracker.ticketKey())).isEqualTo(published);
    String balance = setup.fundedBalance(300);
    KeyPair leecher = AccessKeys.generate();
    WsTestClient ws = new WsTestClient(tracker.webSocketUri());
    ws.sendJson(announce('l', balance, AccessKeys.toHex(leecher.getPublic())));
    JsonNode admitted = ws.next();
    AccessTicket.fromHex(admitted.path("access_ticket").asText())
        .verify(AccessKeys.publicKey(published), setup.torrent.infoHash(), Instant.now());
    assertThat(Files.readString(file, StandardCharsets.US_ASCII)).doesNotContain("BEGIN");
  }

  private static String get(String url) throws Exception {
    return new String(
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body(),
        StandardCharsets.ISO_8859_1);
  }
}
