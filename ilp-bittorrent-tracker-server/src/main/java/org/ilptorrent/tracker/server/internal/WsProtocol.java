package org.ilptorrent.tracker.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.ilptorrent.netty.server.WebSocketSession;

/**
 * The WebSocket tracker protocol of npm bittorrent-tracker 11: announces with WebRTC offers that
 * are forwarded to random peers of the swarm, answers routed back by {@code to_peer_id}, and
 * scrapes. One lock guards all swarms; each message does a bounded amount of work under it. Swarms
 * and peers are keyed by the binary strings the protocol carries (HTTP and UDP callers pass hex,
 * converted at the door).
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
  private static final Set<String> EVENTS =
      Set.of("started", "stopped", "completed", "update", "paused");

  /**
   * The failure reason of an announce whose entitlement already has its most peers in the swarm
   * ({@code maxPeersPerPayment}); over HTTP too.
   */
  public static final String TOO_MANY_PEERS = "too many peers for this payment";

  /** What the tracker knows of one WebSocket connection. */
  private static final class Conn {
    String peerId;
    final Set<String> torrents = new HashSet<>();
    Map<String, PaidSwarms.Admission> admitted;
  }

  private final Map<String, Swarm> swarms = new HashMap<>();
  private final Map<WebSocketSession, Conn> conns = new HashMap<>();
  private final PaidSwarms paid;
  private final int intervalSeconds;
  private final int maxPeersPerSwarm;
  private final int maxPeersPerPayment;
  private final Clock clock;

  /**
   * The protocol; one entitlement (info hash, balance id) has at most {@code maxPeersPerPayment}
   * distinct peers in its swarm at a time.
   */
  public WsProtocol(
      int intervalSeconds,
      int maxPeersPerSwarm,
      int maxPeersPerPayment,
      Clock clock,
      PaidSwarms paid) {
    this.paid = paid;
    this.intervalSeconds = intervalSeconds;
    this.maxPeersPerSwarm = maxPeersPerSwarm;
    this.maxPeersPerPayment = maxPeersPerPayment;
    this.clock = clock;
  }

  /** Handles one text message from {@code socket}. */
  public synchronized void onMessage(WebSocketSession socket, String text) {
    WsMessage m;
    try {
      m = WsMessage.parse(JSON, text);
    } catch (IOException e) {
      fail(socket, null, null, "invalid request");
      return;
    }
    if (m == null) {
      fail(socket, null, null, "invalid request");
    } else if (m.action().equals("announce")) {
      announce(socket, m);
    } else if (m.action().equals("scrape")) {
      scrape(socket, m);
    } else {
      fail(socket, null, m.infoHash(), "invalid action");
    }
  }

  /**
   * What an HTTP announce gets: counts and other peers with addresses, or a failure reason ({@code
   * payment required}, {@link #TOO_MANY_PEERS}) and nothing else.
   */
  public record HttpAnswer(
      int complete, int incomplete, List<byte[]> addresses, List<Integer> ports, String failure) {
    static HttpAnswer failed(String reason) {
      return new HttpAnswer(0, 0, List.of(), List.of(), reason);
    }
  }

  /**
   * An announce over HTTP (or UDP): the peer is known by its address. Ids are hex. Paid swarms are
   * checked by the caller, which passes the peer's admission (null for a torrent it found free: if
   * it has become paid since, the answer is {@code payment required}).
   */
  public HttpAnswer announceByAddress(
      String infoHashHex,
      String peerIdHex,
      byte[] address,
      int port,
      String event,
      boolean seeding,
      int numwant,
      PaidSwarms.Admission admission) {
    return announceByAddress(
        infoHashHex, peerIdHex, null, address, port, event, seeding, numwant, admission);
  }

  /**
   * {@link #announceByAddress(String, String, byte[], int, String, boolean, int,
   * PaidSwarms.Admission)} of a peer that names its leecher key ({@code leecherKeyHex}, valid
   * lowercase hex, or null): its payment's slot counts that key rather than its peer id.
   */
  public synchronized HttpAnswer announceByAddress(
      String infoHashHex,
      String peerIdHex,
      String leecherKeyHex,
      byte[] address,
      int port,
      String event,
      boolean seeding,
      int numwant,
      PaidSwarms.Admission admission) {
    if (admission == null && !paid.isEmpty() && paid.paid(infoHashHex).isPresent()) {
      return HttpAnswer.failed("payment required");
    }
    String infoHash = BinaryIds.fromHex(infoHashHex);
    String peerId = BinaryIds.fromHex(peerIdHex);
    Swarm swarm = swarms.computeIfAbsent(infoHash, h -> new Swarm(maxPeersPerSwarm));
    if (!hasRoom(swarm, peerId, leecherKeyHex, event, admission)) {
      removeIfEmpty(infoHash, swarm);
      return HttpAnswer.failed(TOO_MANY_PEERS);
    }
    Swarm.Peer peer =
        swarm.announce(
            peerId,
            leecherKeyHex,
            null,
            event,
            seeding,
            clock.millis(),
            admission == null ? null : admission.entitlement(),
            admission != null && admission.publisher());
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
    HttpAnswer answer = new HttpAnswer(swarm.complete, swarm.incomplete, addresses, ports, null);
    if (swarm.isEmpty()) {
      swarms.remove(infoHash);
    }
    return answer;
  }

  /** Counts for a scrape of a hex info hash: complete, incomplete, downloaded. */
  public synchronized int[] counts(String infoHashHex) {
    Swarm swarm = swarms.get(BinaryIds.fromHex(infoHashHex));
    return swarm == null
        ? new int[3]
        : new int[] {swarm.complete, swarm.incomplete, swarm.downloaded};
  }

  /** Forgets a closed connection's peers. */
  public synchronized void onClose(WebSocketSession socket) {
    Conn c = conns.remove(socket);
    if (c == null || c.peerId == null) {
      return;
    }
    for (String infoHash : c.torrents) {
      Swarm swarm = swarms.get(infoHash);
      if (swarm != null) {
        swarm.remove(c.peerId);
        if (swarm.isEmpty()) {
          swarms.remove(infoHash);
        }
      }
    }
  }

  /**
   * Removes from a swarm that has just become paid every peer that was not admitted to it, so that
   * peers who joined it while it was free get no more offers (WebSocket) and leave the peer lists
   * (HTTP, UDP). They may come back with a paid balance id.
   */
  public synchronized void dropUnadmitted(String infoHashHex) {
    String infoHash = BinaryIds.fromHex(infoHashHex);
    Swarm swarm = swarms.get(infoHash);
    if (swarm == null) {
      return;
    }
    for (Swarm.Peer p : swarm.removeUnadmitted()) {
      Conn c = p.socket == null ? null : conns.get(p.socket);
      if (c != null) {
        c.torrents.remove(infoHash);
      }
    }
    removeIfEmpty(infoHash, swarm);
  }

  private boolean hasRoom(
      Swarm swarm, String peerId, String leecherKey, String event, PaidSwarms.Admission admission) {
    return admission == null
        || event.equals("stopped")
        || swarm.hasRoom(peerId, leecherKey, admission.entitlement(), maxPeersPerPayment);
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

  private void announce(WebSocketSession socket, WsMessage m) {
    String infoHash = m.infoHash();
    if (!BinaryIds.isId(infoHash)) {
      fail(socket, "announce", infoHash, "invalid info_hash");
      return;
    }
    String peerId = m.peerId();
    if (!BinaryIds.isId(peerId)) {
      fail(socket, "announce", infoHash, "invalid peer_id");
      return;
    }
    Conn conn = conns.computeIfAbsent(socket, s -> new Conn());
    if (conn.peerId == null) {
      conn.peerId = peerId;
    } else if (!conn.peerId.equals(peerId)) {
      fail(socket, "announce", infoHash, "peer_id changed on this connection");
      return;
    }
    if (conn.torrents.size() >= MAX_TORRENTS_PER_CONNECTION && !conn.torrents.contains(infoHash)) {
      fail(socket, "announce", infoHash, "too many torrents on one connection");
      return;
    }
    String event = m.event().isEmpty() || m.event().equals("empty") ? "update" : m.event();
    if (!EVENTS.contains(event)) {
      fail(socket, "announce", infoHash, "invalid event");
      return;
    }
    if (m.leecherKey() != null && !PaidSwarms.isValidLeecherKey(m.leecherKey())) {
      fail(socket, "announce", infoHash, "invalid leecher_key");
      return;
    }
    if (m.hasAnswer() && !BinaryIds.isId(m.toPeerId())) {
      fail(socket, "announce", infoHash, "invalid `to_peer_id` (required with `answer`)");
      return;
    }
    if (paid.isEmpty()) {
      admitted(socket, conn, m, event, null);
      return;
    }
    PaidSwarms.Admission earlier = conn.admitted == null ? null : conn.admitted.get(infoHash);
    if (earlier != null) {
      admitted(socket, conn, m, event, earlier);
      return;
    }
    Optional<PaidSwarms.Registered> registration = paid.paid(BinaryIds.toHex(infoHash));
    if (registration.isEmpty()) {
      admitted(socket, conn, m, event, null);
      return;
    }
    gate(socket, conn, m, event, registration.get());
  }

  /** A paid swarm: the seeder token, an earlier payment, or a spend now lets the peer in. */
  private void gate(
      WebSocketSession socket, Conn conn, WsMessage m, String event, PaidSwarms.Registered r) {
    String infoHash = m.infoHash();
    CompletableFuture<PaidSwarms.Admission> admission =
        paid.admission(BinaryIds.toHex(infoHash), m.seederToken(), m.requestId(), r);
    if (admission.isDone()) {
      PaidSwarms.Admission a = admission.join();
      if (a.admitted()) {
        admit(conn, infoHash, a);
        admitted(socket, conn, m, event, a);
      } else if (a.failure() != null) {
        fail(socket, "announce", infoHash, a.failure());
      } else {
        paymentRequired(socket, infoHash, r);
      }
      return;
    }
    admission.thenAccept(
        a -> {
          synchronized (this) {
            if (!socket.isOpen() || conns.get(socket) != conn) {
              return;
            }
            if (a.admitted()) {
              admit(conn, infoHash, a);
              admitted(socket, conn, m, event, a);
            } else {
              fail(
                  socket,
                  "announce",
                  infoHash,
                  a.failure() != null ? a.failure() : "payment failed");
            }
          }
        });
  }

  private static void admit(Conn conn, String infoHash, PaidSwarms.Admission a) {
    if (conn.admitted == null) {
      conn.admitted = new HashMap<>();
    }
    conn.admitted.put(infoHash, a);
  }

  private void paymentRequired(WebSocketSession socket, String infoHash, PaidSwarms.Registered r) {
    ObjectNode failure = JSON.createObjectNode();
    failure.put("action", "announce");
    failure.put("failure reason", "payment required");
    failure.put("info_hash", infoHash);
    failure.set("license", JSON.valueToTree(r.licenseFields()));
    send(socket, failure);
  }

  /**
   * An announce from a peer that may be in the swarm: of a free torrent ({@code admission} null),
   * or admitted to a paid one, if its entitlement has room for it.
   */
  private void admitted(
      WebSocketSession socket,
      Conn conn,
      WsMessage m,
      String event,
      PaidSwarms.Admission admission) {
    String infoHash = m.infoHash();
    String peerId = m.peerId();
    String leecherKey = m.leecherKey() == null ? null : m.leecherKey().toLowerCase(Locale.ROOT);
    Swarm swarm = swarms.computeIfAbsent(infoHash, h -> new Swarm(maxPeersPerSwarm));
    if (!hasRoom(swarm, peerId, leecherKey, event, admission)) {
      removeIfEmpty(infoHash, swarm);
      fail(socket, "announce", infoHash, TOO_MANY_PEERS);
      return;
    }
    swarm.announce(
        peerId,
        leecherKey,
        socket,
        event,
        m.seeding(),
        clock.millis(),
        admission == null ? null : admission.entitlement(),
        admission != null && admission.publisher());
    if (event.equals("stopped")) {
      conn.torrents.remove(infoHash);
    } else {
      conn.torrents.add(infoHash);
    }

    if (m.hasAnswer()) {
      Swarm.Peer to = swarm.peer(m.toPeerId());
      if (to != null && to.socket != null && to.socket.isOpen()) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("action", "announce");
        answer.set("answer", orNull(m.answer()));
        answer.set("offer_id", orNull(m.offerId()));
        answer.put("peer_id", peerId);
        answer.put("info_hash", infoHash);
        send(to.socket, answer);
      }
      removeIfEmpty(infoHash, swarm);
      return; // npm bittorrent-tracker sends no response to an answer
    }

    // The most frequent message of all, written directly in npm's field order.
    StringBuilder response = new StringBuilder(96);
    response.append("{\"complete\":").append(swarm.complete);
    response.append(",\"incomplete\":").append(swarm.incomplete);
    response.append(",\"action\":\"announce\",\"info_hash\":");
    JsonText.string(response, infoHash);
    response.append(",\"interval\":").append(intervalSeconds);
    if (admission != null && leecherKey != null && !event.equals("stopped")) {
      // Admitted to a paid swarm with a key to bind: the ticket that opens its seeders' doors.
      String hex = BinaryIds.toHex(infoHash);
      response.append(",\"access_ticket\":\"").append(paid.issueTicket(hex, leecherKey));
      response.append("\",\"ticket_key\":\"").append(paid.ticketKeyHex()).append('"');
    }
    response.append('}');
    if (socket.isOpen()) {
      socket.send(response.toString());
    }

    JsonNode offers = m.offers();
    if (offers != null && offers.isArray() && offers.size() > 0 && !event.equals("stopped")) {
      List<Swarm.Peer> targets = swarm.others(peerId, Math.min(offers.size(), MAX_OFFERS));
      for (int i = 0; i < targets.size(); i++) {
        JsonNode offer = offers.get(i);
        ObjectNode forward = JSON.createObjectNode();
        forward.put("action", "announce");
        forward.set("offer", offer.path("offer"));
        forward.set("offer_id", offer.path("offer_id"));
        forward.put("peer_id", peerId);
        forward.put("info_hash", infoHash);
        send(targets.get(i).socket, forward);
      }
    }
    removeIfEmpty(infoHash, swarm);
  }

  private void removeIfEmpty(String infoHash, Swarm swarm) {
    if (swarm.isEmpty()) {
      swarms.remove(infoHash);
    }
  }

  private static JsonNode orNull(JsonNode node) {
    return node == null ? NullNode.getInstance() : node;
  }

  private void scrape(WebSocketSession socket, WsMessage m) {
    List<String> asked = new ArrayList<>();
    if (m.infoHash() != null) {
      asked.add(m.infoHash());
    } else if (m.infoHashes() != null) {
      if (m.infoHashes().size() > MAX_TORRENTS_PER_CONNECTION) {
        fail(socket, "scrape", null, "too many info hashes");
        return;
      }
      asked.addAll(m.infoHashes());
    }
    ObjectNode response = JSON.createObjectNode();
    response.put("action", "scrape");
    ObjectNode files = response.putObject("files");
    for (String binary : asked) {
      if (!BinaryIds.isId(binary)) {
        fail(socket, "scrape", binary, "invalid info_hash");
        return;
      }
      Swarm swarm = swarms.get(binary);
      files
          .putObject(binary)
          .put("complete", swarm == null ? 0 : swarm.complete)
          .put("incomplete", swarm == null ? 0 : swarm.incomplete)
          .put("downloaded", swarm == null ? 0 : swarm.downloaded);
    }
    send(socket, response);
  }

  private static void fail(WebSocketSession socket, String action, String infoHash, String reason) {
    ObjectNode failure = JSON.createObjectNode();
    failure.put("action", action == null ? "announce" : action);
    failure.put("failure reason", reason);
    if (infoHash != null && infoHash.length() <= 64) {
      failure.put("info_hash", infoHash);
    }
    send(socket, failure);
  }

  private static void send(WebSocketSession socket, ObjectNode message) {
    if (socket.isOpen()) {
      socket.send(message.toString());
    }
  }
}
