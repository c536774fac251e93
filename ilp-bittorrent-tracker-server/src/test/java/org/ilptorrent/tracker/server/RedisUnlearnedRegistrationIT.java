package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.tracker.server.internal.UdpTracker;
import org.junit.jupiter.api.Test;

/**
 * A tracker on a shared Redis that has not learned a registration made through another instance
 * (its pub/sub message not delivered, its resync not run) still never lets unpaid peers meet the
 * publisher's seeder: the seeder's token makes it look the registration up first, the swarm is
 * gated from then on, and peers that joined it as free leave it.
 *
 * <p>Tracker B connects as a Redis user that the test then forbids to subscribe and to read every
 * registration at once ({@code ACL SETUSER b resetchannels -hgetall}: Redis closes B's subscription
 * at once, and B's resyncs fail), so B cannot learn what A registers by any other way than the
 * look-up under test; nothing here waits for time to pass.
 */
class RedisUnlearnedRegistrationIT extends RedisTrackerSupport {
  private static final String PAYMENT_REQUIRED = "payment required";

  private TrackerServer tracker(URI redisUri) throws Exception {
    return TrackerServer.builder()
        .allowVerifier(setup.verifier.uri())
        .redis(redisUri)
        .udpPort(0)
        .start();
  }

  /** Tracker B, as Redis user {@code b}, already cut off from learning registrations. */
  private TrackerServer unlearningTracker() throws Exception {
    assertThat(command("ACL", "SETUSER", "b", "on", ">b-secret", "~*", "&*", "+@all"))
        .isEqualTo("+OK");
    TrackerServer b = tracker(URI.create("redis://b:b-secret@127.0.0.1:" + redis.port()));
    assertThat(command("ACL", "SETUSER", "b", "resetchannels", "-hgetall")).isEqualTo("+OK");
    return b;
  }

  @Test
  void theSeedersTokenGatesTheSwarmOnAnInstanceThatHasNotLearnedTheRegistration() throws Exception {
    try (TrackerServer a = tracker(redis.uri());
        TrackerServer b = unlearningTracker();
        UdpTestClient udp = new UdpTestClient(b.udpAnnounceUri().orElseThrow())) {
      String token = a.registerPaidTorrent(setup.torrent.torrentFile());

      // Unpaid peers join on B while B takes the torrent for a free one: over WebSocket, HTTP, UDP.
      WsTestClient early = new WsTestClient(b.webSocketUri());
      early.sendJson(announce('e', ""));
      JsonNode joined = early.next();
      assertThat(joined.path("failure reason").isMissingNode()).as(joined.toString()).isTrue();
      assertThat(joined.path("incomplete").asInt()).isEqualTo(1);
      assertThat(httpAnnounce(b, 7, "")).contains("5:peers");
      String connection = udp.connect("00000001");
      assertThat(udp.request(udpAnnounce(connection, "00000002", 'u')))
          .as("a UDP announce answered with peers")
          .startsWith("00000001" + "00000002");
      assertThat(b.stats().paidTorrents()).as("B has not learned the registration").isZero();

      // The publisher's seeder comes to B with its token and offers.
      WsTestClient seeder = new WsTestClient(b.webSocketUri());
      seeder.sendJson(announce('s', ",\"left\":0,\"seeder_token\":\"" + token + "\"" + offers()));
      JsonNode admitted = seeder.next();
      assertThat(admitted.path("failure reason").isMissingNode()).as(admitted.toString()).isTrue();
      assertThat(admitted.path("complete").asInt()).isEqualTo(1);
      assertThat(admitted.path("incomplete").asInt())
          .as("the peers that joined free left before the seeder entered")
          .isZero();
      assertThat(b.stats().paidTorrents()).isEqualTo(1);
      assertThat(httpAnnounce(b, 8, "&seeder_token=" + token + "&left=0"))
          .as("no free HTTP or UDP peer in the seeder's peer list")
          .contains("5:peers0:");

      // The early peer got no offer: its next message is the refusal of its next announce.
      early.sendJson(announce('e', ""));
      assertThat(early.next().path("failure reason").asText()).isEqualTo(PAYMENT_REQUIRED);
      WsTestClient late = new WsTestClient(b.webSocketUri());
      late.sendJson(announce('l', ""));
      JsonNode refused = late.next();
      assertThat(refused.path("failure reason").asText()).isEqualTo(PAYMENT_REQUIRED);
      assertThat(refused.path("license").path("amount").asText()).isEqualTo("300");
      assertThat(httpAnnounce(b, 9, "")).contains(PAYMENT_REQUIRED);
      assertThat(udp.request(udpAnnounce(connection, "00000003", 'u')))
          .isEqualTo("00000003" + "00000003" + UdpTestClient.ascii(UdpTracker.PAYMENT_REQUIRED));

      // A funded leecher is admitted on B and gets the seeder's next offer.
      WsTestClient payer = new WsTestClient(b.webSocketUri());
      payer.sendJson(announce('p', ",\"requestId\":\"" + setup.fundedBalance(300) + "\""));
      JsonNode paid = payer.next();
      assertThat(paid.path("failure reason").isMissingNode()).as(paid.toString()).isTrue();
      seeder.sendJson(announce('s', ",\"left\":0,\"seeder_token\":\"" + token + "\"" + offers()));
      assertThat(seeder.next().path("incomplete").asInt()).isEqualTo(1);
      JsonNode offer = payer.next();
      assertThat(offer.path("offer").path("sdp").asText()).isEqualTo("x");
      assertThat(offer.path("peer_id").asText()).isEqualTo(WsTestClient.id('s'));

      early.sendJson(announce('e', ""));
      assertThat(early.next().path("failure reason").asText())
          .as("still no offer for the peer that never paid")
          .isEqualTo(PAYMENT_REQUIRED);
      early.close();
      late.close();
      payer.close();
      seeder.close();
    }
  }

  @Test
  void aSeedersHttpAnnounceOrARegistrationAttemptGatesTheSwarmToo() throws Exception {
    try (TrackerServer a = tracker(redis.uri());
        TrackerServer b = unlearningTracker()) {
      String token = a.registerPaidTorrent(setup.torrent.torrentFile());
      CreatedTorrent other = setup.paidTorrent("other.bin", "300");
      a.registerPaidTorrent(other.torrentFile());
      String otherHash = PaidSetup.binary(other.infoHash().toBytes());
      WsTestClient early = new WsTestClient(b.webSocketUri());
      early.sendJson(announce(setup.binaryHash(), 'e', ""));
      assertThat(early.next().path("incomplete").asInt()).isEqualTo(1);
      early.sendJson(announce(otherHash, 'e', ""));
      assertThat(early.next().path("incomplete").asInt()).isEqualTo(1);

      assertThat(httpAnnounce(b, 8, "&seeder_token=" + token + "&left=0"))
          .as("the seeder admitted over HTTP, alone")
          .contains("8:completei1e")
          .contains("10:incompletei0e")
          .contains("5:peers0:");
      early.sendJson(announce(setup.binaryHash(), 'e', ""));
      assertThat(early.next().path("failure reason").asText()).isEqualTo(PAYMENT_REQUIRED);

      // Registering on B a torrent registered through A finds A's registration in Redis: the
      // torrent is paid on B from then on, and its free peers are gone.
      assertThatThrownBy(() -> b.registerPaidTorrent(other.torrentFile()))
          .isInstanceOfSatisfying(
              PaidTorrentException.class,
              e ->
                  assertThat(e.reason()).isEqualTo(PaidTorrentException.Reason.ALREADY_REGISTERED));
      assertThat(b.stats().peers())
          .as("no peer that joined free is left: only the first torrent's seeder")
          .isEqualTo(1);
      early.sendJson(announce(otherHash, 'e', ""));
      assertThat(early.next().path("failure reason").asText()).isEqualTo(PAYMENT_REQUIRED);
      early.close();
    }
  }

  @Test
  void withRedisDownPaidCredentialsOfAnUnknownTorrentAreRefusedAndFreeTorrentsWork()
      throws Exception {
    try (TrackerServer b = tracker(redis.uri())) {
      redis.kill();
      String unavailable = "payment state unavailable, try again later";

      WsTestClient seeder = new WsTestClient(b.webSocketUri());
      seeder.sendJson(announce('s', ",\"left\":0,\"seeder_token\":\"" + "ab".repeat(24) + "\""));
      JsonNode refused = seeder.next();
      assertThat(refused.path("failure reason").asText()).isEqualTo(unavailable);
      assertThat(refused.path("info_hash").asText()).isEqualTo(setup.binaryHash());
      WsTestClient payer = new WsTestClient(b.webSocketUri());
      payer.sendJson(announce('p', ",\"requestId\":\"" + java.util.UUID.randomUUID() + "\""));
      assertThat(payer.next().path("failure reason").asText()).isEqualTo(unavailable);
      assertThat(httpAnnounce(b, 8, "&seeder_token=" + "ab".repeat(24) + "&left=0"))
          .isEqualTo("d14:failure reason" + unavailable.length() + ":" + unavailable + "e");
      assertThat(b.stats().peers()).isZero();

      WsTestClient free = new WsTestClient(b.webSocketUri());
      free.sendJson(announce('f', ""));
      JsonNode answer = free.next();
      assertThat(answer.path("failure reason").isMissingNode()).as(answer.toString()).isTrue();
      assertThat(answer.path("incomplete").asInt()).isEqualTo(1);
      assertThat(httpAnnounce(b, 9, "")).contains("5:peers");
      seeder.close();
      payer.close();
      free.close();
    }
  }

  /**
   * A WebSocket announce (started) of the paid torrent by peer {@code peer}, plus {@code extra}.
   */
  private String announce(char peer, String extra) {
    return PaidSetup.announceWith(setup.binaryHash(), peer, extra);
  }

  private static String announce(String binaryHash, char peer, String extra) {
    return PaidSetup.announceWith(binaryHash, peer, extra);
  }

  private static String offers() {
    return PaidSetup.offers('1');
  }

  /** An HTTP announce of the paid torrent by peer id number {@code peer}; the bencoded answer. */
  private String httpAnnounce(TrackerServer tracker, int peer, String extra) throws Exception {
    return setup.httpAnnounce(tracker, String.format("%040x", peer), extra);
  }

  private String udpAnnounce(String connection, String tx, char peer) {
    return UdpTestClient.announce(
        connection,
        tx,
        setup.torrent.infoHash().toHex(),
        UdpTestClient.ascii(WsTestClient.id(peer)),
        100,
        2,
        -1,
        6881);
  }

  /** Sends one command to the Redis as its default user; the first line of the reply. */
  private String command(String... args) throws IOException {
    try (Socket s = new Socket("127.0.0.1", redis.port())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String a : args) {
        byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      s.getOutputStream().write(out.toByteArray());
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }
}
