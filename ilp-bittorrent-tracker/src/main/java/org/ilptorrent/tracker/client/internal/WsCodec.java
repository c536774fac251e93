package org.ilptorrent.tracker.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.Offer;
import org.ilptorrent.tracker.client.OfferId;
import org.ilptorrent.tracker.client.SessionDescription;

/**
 * The WebSocket tracker messages of npm bittorrent-tracker 11 as pure functions. Ids travel as
 * "binary strings": one character per byte (ISO-8859-1), escaped by JSON.
 */
public final class WsCodec {
  static final ObjectMapper JSON = new ObjectMapper();

  private WsCodec() {}

  /** An announce, with offers unless it is {@code stopped} or {@code completed}. */
  public static String announce(AnnounceRequest r, List<Offer> offers) {
    return announce(r, offers, null);
  }

  /** Like {@link #announce(AnnounceRequest, List)}, sending back a {@code trackerid}. */
  public static String announce(AnnounceRequest r, List<Offer> offers, String trackerId) {
    ObjectNode m = JSON.createObjectNode();
    m.put("numwant", r.numwant());
    m.put("uploaded", r.stats().uploaded());
    m.put("downloaded", r.stats().downloaded());
    m.put("left", r.stats().left());
    if (r.event().wireName() != null) {
      m.put("event", r.event().wireName());
    }
    m.put("action", "announce");
    m.put("info_hash", binary(r.infoHash().toBytes()));
    m.put("peer_id", binary(r.peerId().toBytes()));
    credentials(m, r.balanceId(), r.seederToken());
    if (r.leecherKey() != null) {
      m.put("leecher_key", r.leecherKey());
    }
    if (trackerId != null) {
      m.put("trackerid", trackerId);
    }
    if (!offers.isEmpty()) {
      ArrayNode list = m.putArray("offers");
      for (Offer o : offers) {
        ObjectNode entry = list.addObject();
        description(entry.putObject("offer"), o.description());
        entry.put("offer_id", binary(o.id().toBytes()));
      }
    }
    return m.toString();
  }

  /** An answer to {@code to}'s offer, which the tracker routes and does not answer. */
  public static String answer(
      InfoHash infoHash,
      PeerId self,
      PeerId to,
      OfferId offerId,
      SessionDescription answer,
      String balanceId,
      String seederToken) {
    ObjectNode m = JSON.createObjectNode();
    m.put("action", "announce");
    m.put("info_hash", binary(infoHash.toBytes()));
    m.put("peer_id", binary(self.toBytes()));
    m.put("to_peer_id", binary(to.toBytes()));
    description(m.putObject("answer"), answer);
    m.put("offer_id", binary(offerId.toBytes()));
    credentials(m, balanceId, seederToken);
    return m.toString();
  }

  /** A scrape for one torrent. */
  public static String scrape(InfoHash infoHash) {
    ObjectNode m = JSON.createObjectNode();
    m.put("action", "scrape");
    m.put("info_hash", binary(infoHash.toBytes()));
    return m.toString();
  }

  /** The binary string of {@code bytes}. */
  public static String binary(byte[] bytes) {
    char[] c = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      c[i] = (char) (bytes[i] & 0xFF);
    }
    return new String(c);
  }

  /** The 20 bytes of a binary string, or {@code null} when it is not one. */
  public static byte[] id(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().length() != 20) {
      return null;
    }
    String s = node.asText();
    byte[] b = new byte[20];
    for (int i = 0; i < 20; i++) {
      if (s.charAt(i) > 0xFF) {
        return null;
      }
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }

  /**
   * A session description {@code {"type","sdp"}}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static SessionDescription description(JsonNode node) {
    if (node == null || !node.path("type").isTextual() || !node.path("sdp").isTextual()) {
      throw new IllegalArgumentException("not a session description");
    }
    return new SessionDescription(node.path("type").asText(), node.path("sdp").asText());
  }

  private static void description(ObjectNode target, SessionDescription d) {
    target.put("type", d.type());
    target.put("sdp", d.sdp());
  }

  private static void credentials(ObjectNode m, String balanceId, String seederToken) {
    if (balanceId != null) {
      m.put("requestId", balanceId);
    }
    if (seederToken != null) {
      m.put("seeder_token", seederToken);
    }
  }
}
