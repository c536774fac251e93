package org.ilptorrent.tracker.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.ilptorrent.tracker.client.Offer;
import org.ilptorrent.tracker.client.OfferId;
import org.ilptorrent.tracker.client.SessionDescription;
import org.junit.jupiter.api.Test;

/** The WebSocket messages, field by field, as npm bittorrent-tracker 11 reads them. */
class WsCodecTest {
  private static final InfoHash HASH = InfoHash.fromHex("00ff7f" + "41".repeat(17));
  private static final PeerId PEER = PeerId.fromHex("2d494a303130302d" + "42".repeat(12));
  private static final String HASH_JSON = "\\u0000\u00ff\u007f" + "A".repeat(17);
  private static final String PEER_JSON = "-IJ0100-" + "B".repeat(12);

  @Test
  void anAnnounceWithOffersAndCredentials() {
    AnnounceRequest r =
        new AnnounceRequest(
            HASH,
            PEER,
            6881,
            AnnounceEvent.STARTED,
            new AnnounceStats(1, 2, 3),
            5,
            "b-1",
            "tok",
            null);
    Offer offer = new Offer(OfferId.of("C".repeat(20).getBytes()), SessionDescription.offer("v=0"));
    assertThat(WsCodec.announce(r, List.of(offer)))
        .isEqualTo(
            "{"
                + "\"numwant\":5,"
                + "\"uploaded\":1,"
                + "\"downloaded\":2,"
                + "\"left\":3,"
                + "\"event\":\"started\","
                + "\"action\":\"announce\","
                + "\"info_hash\":\""
                + HASH_JSON
                + "\","
                + "\"peer_id\":\""
                + PEER_JSON
                + "\","
                + "\"requestId\":\"b-1\","
                + "\"seeder_token\":\"tok\","
                + "\"offers\":[{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},"
                + "\"offer_id\":\""
                + "C".repeat(20)
                + "\"}]"
                + "}");
  }

  @Test
  void aRegularAnnounceNamesNoEventAndNoOffers() {
    AnnounceRequest r =
        new AnnounceRequest(
            HASH, PEER, 6881, AnnounceEvent.UPDATE, AnnounceStats.UNKNOWN, 50, null, null, null);
    assertThat(WsCodec.announce(r, List.of()))
        .doesNotContain("event", "offers", "requestId", "seeder_token")
        .contains("\"left\":9223372036854775807");
  }

  @Test
  void anAnswerGoesToThePeerThatOffered() {
    PeerId to = PeerId.fromHex("44".repeat(20));
    assertThat(
            WsCodec.answer(
                HASH,
                PEER,
                to,
                OfferId.of("E".repeat(20).getBytes()),
                SessionDescription.answer("v=1"),
                null,
                null))
        .isEqualTo(
            "{\"action\":\"announce\","
                + "\"info_hash\":\""
                + HASH_JSON
                + "\","
                + "\"peer_id\":\""
                + PEER_JSON
                + "\","
                + "\"to_peer_id\":\""
                + "D".repeat(20)
                + "\","
                + "\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"},"
                + "\"offer_id\":\""
                + "E".repeat(20)
                + "\"}");
  }

  @Test
  void binaryIdsRoundTripAndBadOnesAreRefused() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String scrape = WsCodec.scrape(HASH);
    assertThat(WsCodec.id(json.readTree(scrape).path("info_hash"))).isEqualTo(HASH.toBytes());
    assertThat(WsCodec.id(json.readTree("\"short\""))).isNull();
    assertThat(WsCodec.id(json.readTree("\"" + "\u0100".repeat(20) + "\""))).isNull();
    assertThat(WsCodec.id(json.readTree("12345678901234567890"))).isNull();
    assertThatThrownBy(() -> WsCodec.description(json.readTree("{\"type\":\"offer\"}")))
        .hasMessage("not a session description");
  }
}
