package org.ilptorrent.tracker.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.java_websocket.WebSocket;

/**
 * The WebSocket tracker protocol of npm bittorrent-tracker 11: announces with WebRTC offers that
 * are forwarded to random peers of the swarm, answers routed back by {@code to_peer_id}, and
 * scrapes. One lock guards all swarms; each message does a bounded amount of work under it.
 *
 * <p>Unlike npm bittorrent-tracker, every failure carries {@code action} and, when it was given,
 * {@code info_hash}, so browser clients keep the socket; and a scrape without info hashes answers
 * nothing rather than every torrent.
 */
public final class WsProtocol {
  /** The most peers an announce's offers go to (npm bittorrent-tracker's MAX_ANNOUNCE_PEERS). */
  public static final int MAX_OFFERS = 82;

  /** The most torrents one connection may announce. */
  public static final int MAX_TORRENTS_PER_CONNECTION = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Swarm> swarms = new HashMap<>();
  private final Map<WebSocket, Set<String>> torrentsOf = new HashMap<>();
  private final Map<WebSocket, String> peerIdOf = new HashMap<>();
  private final Map<WebSocket, Set<String>> admittedTo = new HashMap<>();
  private final PaidSwarms paid;
  private final int intervalSeconds;
  private final int maxPeersPerSwarm;
  private final Clock clock;

  public WsProtocol(int intervalSeconds, int maxPeersPerSwarm, Clock clock, PaidSwarms paid) {
    this.paid = paid;
    this.intervalSeconds = intervalSeconds;
    this.maxPeersPerSwarm = maxPeersPerSwarm;
    this.clock = clock;
  }

  /** Handles one text message from {@code socket}. */
  public synchronized void onMessage(WebSocket socket, String text) {
    JsonNode request;
    try {
      request = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      fail(socket, null, null, "invalid request");
      return;
    }
    if (request == null || !request.isObject()) {
      fail(socket, null, null, "invalid request");
      return;
    }
    String action = request.path("action").asText("");
    String infoHashText =
        request.path("info_hash").isTextual() ? request.path("info_hash").asText() : null;
    if (action.equals("announce")) {
      announce(socket, request, infoHashText);
    } else if (action.equals("scrape")) {
      scrape(socket, request);
    } else {
      fail(socket, null, infoHashText, "invalid action");
    }
  }

  /** What an HTTP announce gets: counts and other peers with addresses. */
  public record HttpAnswer(
      int complete, int incomplete, List<byte[]> addresses, List<Integer> ports) {}

  /**
   * An announce over HTTP (or UDP): the peer is known by its address. Paid swarms are checked by
   * the caller.
   */
  public synchronized HttpAnswer announceByAddress(
      String infoHash,
      String peerId,
      byte[] address,
      int port,
      String event,
      boolean seeding,
      int numwant) {
    Swarm swarm = swarms.computeIfAbsent(infoHash, h -> new Swarm(maxPeersPerSwarm));
    Swarm.Peer peer = swarm.announce(peerId, null, event, seeding, clock.millis());
    if (peer != null) {
      peer.address = address;
      peer.port = port;
    }
    List<byte[]> addresses = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (Swarm.Peer p : swarm.othersWithAddress(peerId, Math.min(numwant, MAX_OFFERS))) {
      addresses.add(p.address);
      ports.add(p.port);
    }
    HttpAnswer answer = new HttpAnswer(swarm.complete, swarm.incomplete, addresses, ports);
    if (swarm.isEmpty()) {
      swarms.remove(infoHash);
    }
    return answer;
  }

  /** Counts for a scrape: complete, incomplete, downloaded. */
  public synchronized int[] counts(String infoHash) {
    Swarm swarm = swarms.get(infoHash);
    return swarm == null
        ? new int[3]
        : new int[] {swarm.complete, swarm.incomplete, swarm.downloaded};
  }

  /** Forgets a closed connection's peers. */
  public synchronized void onClose(WebSocket socket) {
    String peerId = peerIdOf.remove(socket);
    admittedTo.remove(socket);
    Set<String> torrents = torrentsOf.remove(socket);
    if (peerId == null || torrents == null) {
      return;
    }
    for (String infoHash : torrents) {
      Swarm swarm = swarms.get(infoHash);
      if (swarm != null) {
        swarm.remove(peerId);
        if (swarm.isEmpty()) {
          swarms.remove(infoHash);
        }
      }
    }
  }

  /** Drops peers idle for longer than {@code idleMillis}. */
  public synchronized void expire(long idleMillis) {
    long before = clock.millis() - idleMillis;
    swarms
        .values()
        .removeIf(
            s -> {
              s.expire(before);
              return s.isEmpty();
            });
  }

  /** How many torrents have peers. */
  public synchronized int torrentCount() {
    return swarms.size();
  }

  /** Counts over every swarm: torrents, seeders, leechers, IPv4, IPv6 and WebSocket peers. */
  public synchronized int[] census() {
    int[] totals = new int[6];
    totals[0] = swarms.size();
    for (Swarm swarm : swarms.values()) {
      swarm.census(totals);
    }
    return totals;
  }

  private void announce(WebSocket socket, JsonNode request, String infoHashText) {
    String infoHash = BinaryIds.toHex(infoHashText);
    if (infoHash == null) {
      fail(socket, "announce", infoHashText, "invalid info_hash");
      return;
    }
    String peerId = BinaryIds.toHex(request.path("peer_id").asText(null));
    if (peerId == null) {
      fail(socket, "announce", infoHashText, "invalid peer_id");
      return;
    }
    String knownPeer = peerIdOf.putIfAbsent(socket, peerId);
    if (knownPeer != null && !knownPeer.equals(peerId)) {
      fail(socket, "announce", infoHashText, "peer_id changed on this connection");
      return;
    }
    Set<String> torrents = torrentsOf.computeIfAbsent(socket, s -> new LinkedHashSet<>());
    if (!torrents.contains(infoHash) && torrents.size() >= MAX_TORRENTS_PER_CONNECTION) {
      fail(socket, "announce", infoHashText, "too many torrents on one connection");
      return;
    }
    String event = request.path("event").asText("update");
    if (event.isEmpty() || event.equals("empty")) {
      event = "update";
    }
    if (!List.of("started", "stopped", "completed", "update", "paused").contains(event)) {
      fail(socket, "announce", infoHashText, "invalid event");
      return;
    }
    boolean seeding =
        request.path("left").isNumber() && request.path("left").asDouble() == 0
            || request.path("left").isTextual() && request.path("left").asText().equals("0");

    String toPeerId = null;
    if (request.has("answer")) {
      toPeerId = BinaryIds.toHex(request.path("to_peer_id").asText(null));
      if (toPeerId == null) {
        fail(socket, "announce", infoHashText, "invalid `to_peer_id` (required with `answer`)");
        return;
      }
    }

    java.util.Optional<PaidSwarms.Registered> registration = paid.paid(infoHash);
    if (registration.isPresent() && !admittedTo.getOrDefault(socket, Set.of()).contains(infoHash)) {
      PaidSwarms.Registered r = registration.get();
      String token = request.path("seeder_token").asText(null);
      String balanceId = request.path("requestId").asText(null);
      boolean validBalance = PaidSwarms.isValidBalanceId(balanceId);
      if (token != null
          && java.security.MessageDigest.isEqual(
              token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              r.seederToken().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        admit(socket, infoHash);
      } else if (validBalance && paid.isEntitled(infoHash, balanceId)) {
        admit(socket, infoHash);
      } else if (validBalance) {
        String finalEvent = event;
        String finalToPeer = toPeerId;
        paid.pay(infoHash, balanceId, r)
            .thenAccept(
                ok -> {
                  synchronized (this) {
                    if (!socket.isOpen()) {
                      return;
                    }
                    if (ok) {
                      admit(socket, infoHash);
                      admitted(
                          socket,
                          request,
                          infoHash,
                          peerId,
                          finalEvent,
                          seeding,
                          finalToPeer,
                          torrents);
                    } else {
                      fail(socket, "announce", infoHashText, "payment failed");
                    }
                  }
                });
        return;
      } else {
        paymentRequired(socket, infoHashText, r);
        return;
      }
    }
    admitted(socket, request, infoHash, peerId, event, seeding, toPeerId, torrents);
  }

  private void admit(WebSocket socket, String infoHash) {
    admittedTo.computeIfAbsent(socket, s -> new LinkedHashSet<>()).add(infoHash);
  }

  private void paymentRequired(WebSocket socket, String infoHashText, PaidSwarms.Registered r) {
    ObjectNode failure = JSON.createObjectNode();
    failure.put("action", "announce");
    failure.put("failure reason", "payment required");
    failure.put("info_hash", infoHashText);
    ObjectNode license = failure.putObject("license");
    license.put("amount", r.license().amount().toString());
    license.put("assetCode", r.license().assetCode());
    license.put("assetScale", r.license().assetScale());
    license.put("paymentPointer", r.license().paymentPointer().toString());
    license.put("verifier", r.license().verifier().toString());
    send(socket, failure);
  }

  /** An announce from a peer that may be in the swarm. */
  private void admitted(
      WebSocket socket,
      JsonNode request,
      String infoHash,
      String peerId,
      String event,
      boolean seeding,
      String toPeerId,
      Set<String> torrents) {
    Swarm swarm = swarms.computeIfAbsent(infoHash, h -> new Swarm(maxPeersPerSwarm));
    swarm.announce(peerId, socket, event, seeding, clock.millis());
    if (event.equals("stopped")) {
      torrents.remove(infoHash);
    } else {
      torrents.add(infoHash);
    }

    if (toPeerId != null) {
      Swarm.Peer to = swarm.peer(toPeerId);
      if (to != null && to.socket.isOpen()) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("action", "announce");
        answer.set("answer", request.get("answer"));
        answer.set("offer_id", request.get("offer_id"));
        answer.put("peer_id", BinaryIds.fromHex(peerId));
        answer.put("info_hash", BinaryIds.fromHex(infoHash));
        send(to.socket, answer);
      }
      return; // npm bittorrent-tracker sends no response to an answer
    }

    // The most frequent message of all, written directly in npm's field order.
    StringBuilder response = new StringBuilder(96);
    response.append("{\"complete\":").append(swarm.complete);
    response.append(",\"incomplete\":").append(swarm.incomplete);
    response.append(",\"action\":\"announce\",\"info_hash\":");
    JsonText.string(response, BinaryIds.fromHex(infoHash));
    response.append(",\"interval\":").append(intervalSeconds).append('}');
    if (socket.isOpen()) {
      socket.send(response.toString());
    }

    JsonNode offers = request.path("offers");
    if (offers.isArray() && offers.size() > 0 && !event.equals("stopped")) {
      int count = Math.min(offers.size(), MAX_OFFERS);
      List<Swarm.Peer> targets = swarm.others(peerId, count);
      for (int i = 0; i < targets.size(); i++) {
        JsonNode offer = offers.get(i);
        ObjectNode forward = JSON.createObjectNode();
        forward.put("action", "announce");
        forward.set("offer", offer.path("offer"));
        forward.set("offer_id", offer.path("offer_id"));
        forward.put("peer_id", BinaryIds.fromHex(peerId));
        forward.put("info_hash", BinaryIds.fromHex(infoHash));
        send(targets.get(i).socket, forward);
      }
    }
    if (swarm.isEmpty()) {
      swarms.remove(infoHash);
    }
  }

  private void scrape(WebSocket socket, JsonNode request) {
    List<String> asked = new ArrayList<>();
    JsonNode infoHashes = request.path("info_hash");
    if (infoHashes.isTextual()) {
      asked.add(infoHashes.asText());
    } else if (infoHashes.isArray()) {
      if (infoHashes.size() > MAX_TORRENTS_PER_CONNECTION) {
        fail(socket, "scrape", null, "too many info hashes");
        return;
      }
      infoHashes.forEach(h -> asked.add(h.asText(null)));
    }
    ObjectNode response = JSON.createObjectNode();
    response.put("action", "scrape");
    ObjectNode files = response.putObject("files");
    for (String binary : asked) {
      String hex = BinaryIds.toHex(binary);
      if (hex == null) {
        fail(socket, "scrape", binary, "invalid info_hash");
        return;
      }
      Swarm swarm = swarms.get(hex);
      files
          .putObject(binary)
          .put("complete", swarm == null ? 0 : swarm.complete)
          .put("incomplete", swarm == null ? 0 : swarm.incomplete)
          .put("downloaded", swarm == null ? 0 : swarm.downloaded);
    }
    send(socket, response);
  }

  private static void fail(WebSocket socket, String action, String infoHash, String reason) {
    ObjectNode failure = JSON.createObjectNode();
    failure.put("action", action == null ? "announce" : action);
    failure.put("failure reason", reason);
    if (infoHash != null && infoHash.length() <= 64) {
      failure.put("info_hash", infoHash);
    }
    send(socket, failure);
  }

  private static void send(WebSocket socket, ObjectNode message) {
    if (socket.isOpen()) {
      socket.send(message.toString());
    }
  }
}
