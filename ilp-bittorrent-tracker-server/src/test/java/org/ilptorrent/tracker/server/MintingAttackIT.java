package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.ProxyRegistration;
import org.ilptorrent.verifier.Receipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minting attack, end to end with a real verifier: an attacker registers a wallet of their own
 * at the verifier, so the verifier's SPSP proxy hands them a receipt nonce and secret; they mint a
 * receipt for 10^15, credit it to a fresh balance id, and announce with it for a victim's paid
 * torrent. Their receipts paid their own pointer, not the licence's, so the tracker's spend (which
 * names the licence's pointer) finds nothing to take: no peers, no offers. A balance funded through
 * the victim's proxy pointer is admitted.
 */
class MintingAttackIT {
  private static final long MINTED = 1_000_000_000_000_000L;
  @TempDir Path dir;
  private PaidSetup victim;
  private SpspTestWallet attackerWallet;
  private TrackerServer tracker;
  private String seederToken;

  @BeforeEach
  void start() throws Exception {
    victim = new PaidSetup(dir);
    attackerWallet = new SpspTestWallet();
    tracker = TrackerServer.builder().allowVerifier(victim.verifier.uri()).httpPort(0).start();
    seederToken = tracker.registerPaidTorrent(victim.torrent.torrentFile());
  }

  @AfterEach
  void stop() throws Exception {
    tracker.close();
    attackerWallet.close();
    victim.close();
  }

  /** The attack up to the announce: a fresh balance id holding 10^15 minted for the attacker. */
  private String mintedBalance() throws Exception {
    ProxyRegistration own = victim.client.register(PaymentPointer.parse(attackerWallet.pointer()));
    HttpResponse<String> spsp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(own.proxyPointer().toUrl())
                    .header("Accept", "application/spsp4+json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(spsp.statusCode()).isEqualTo(200);
    SpspTestWallet.Issued stolen = attackerWallet.takeIssued();
    String balance = UUID.randomUUID().toString();
    assertThat(
            victim.client.creditReceipt(
                balance, Receipt.create(stolen.nonce(), 1, MINTED, stolen.secret())))
        .as("the verifier credits the minted receipt to the attacker's own pointer")
        .isEqualTo(MINTED);
    return balance;
  }

  private String wsAnnounce(char peer, String balance) {
    ObjectNode a = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    a.put("action", "announce");
    a.put("info_hash", victim.binaryHash());
    a.put("peer_id", WsTestClient.id(peer));
    a.put("left", 100);
    a.put("event", "started");
    a.put("requestId", balance);
    a.putArray("offers")
        .addObject()
        .put("offer_id", WsTestClient.id('o'))
        .putObject("offer")
        .put("type", "offer")
        .put("sdp", "sdp of " + peer);
    return a.toString();
  }

  private String httpAnnounce(String peerId, String balance) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        tracker.httpAnnounceUri().orElseThrow()
                            + "?info_hash="
                            + victim.queryHash()
                            + "&peer_id="
                            + peerId
                            + "&port=7000&left=5&compact=1&requestId="
                            + balance))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1))
        .body();
  }

  @Test
  void mintedReceiptsForAnotherPointerNeverAdmit() throws Exception {
    WsTestClient seeder = new WsTestClient(tracker.webSocketUri());
    seeder.sendJson(
        "{\"action\":\"announce\",\"event\":\"started\",\"left\":0,\"info_hash\":"
            + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(victim.binaryHash())
            + ",\"peer_id\":\""
            + WsTestClient.id('s')
            + "\",\"seeder_token\":\""
            + seederToken
            + "\"}");
    assertThat(seeder.next().path("complete").asInt()).isEqualTo(1);

    String minted = mintedBalance();
    WsTestClient attacker = new WsTestClient(tracker.webSocketUri());
    attacker.sendJson(wsAnnounce('a', minted));
    JsonNode refused = attacker.next();
    assertThat(refused.path("failure reason").asText()).isIn("payment failed", "payment required");
    assertThat(refused.has("complete")).as("no swarm answer").isFalse();
    assertThat(seeder.poll(300)).as("the attacker's offer is not forwarded").isNull();

    String http = httpAnnounce("a".repeat(20), minted);
    assertThat(http).startsWith("d14:failure reason16:payment required").doesNotContain("5:peers");
    assertThat(victim.balance(minted, attackerPointer()))
        .as("nothing was spent from the minted bucket either")
        .isEqualTo(MINTED);

    String paid = victim.fundedBalance(300);
    WsTestClient buyer = new WsTestClient(tracker.webSocketUri());
    buyer.sendJson(wsAnnounce('b', paid));
    assertThat(buyer.next().path("complete").asInt()).as("the honest buyer gets in").isEqualTo(1);
    assertThat(seeder.next().path("offer").path("sdp").asText()).isEqualTo("sdp of b");
    assertThat(httpAnnounce("c".repeat(20), paid)).contains("5:peers");
    assertThat(victim.balance(paid)).isZero();
  }

  private String attackerPointer() throws Exception {
    return victim.client.register(PaymentPointer.parse(attackerWallet.pointer())).hash();
  }
}
