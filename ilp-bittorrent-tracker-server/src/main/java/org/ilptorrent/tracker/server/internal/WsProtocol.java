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
import java.util.concurrent.ConcurrentHashMap;
import org.ilptorrent.netty.server.WebSocketSession;

/**
 * The WebSocket tracker protocol of npm bittorrent-tracker 11: announces with WebRTC offers that
 * are forwarded to random peers of the swarm, answers routed back by {@code to_peer_id}, and
 * scrapes. Swarms and peers are keyed by the binary strings the protocol carries (HTTP and UDP
 * callers pass hex, converted at the door).
 *
 * <p>Locking: the event loops serve announces in parallel, so no lock is shared by all of them.
 * Each swarm has its own ({@link Swarms}), held while the swarm changes and never while a message
 * is read or written; each connection's state has its own, taken before its swarms' (never the
 * other way round).
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

  private static final byte[] COMPLETE = JsonBytes.utf8("{\"complete\":");
  private static final byte[] INCOMPLETE = JsonBytes.utf8(",\"incomplete\":");
  private static final byte[] ANNOUNCE_INFO_HASH =
      JsonBytes.utf8(",\"action\":\"announce\",\"info_hash\":");
  private static final byte[] INTERVAL = JsonBytes.utf8(",\"interval\":");
  private static final byte[] ACCESS_TICKET = JsonBytes.utf8(",\"access_ticket\":\"");
  private static final byte[] TICKET_KEY = JsonBytes.utf8("\",\"ticket_key\":\"");

  /** What the tracker knows of one WebSocket connection; guarded by itself. */
  private static final class Conn {
    String peerId;
    final Set<String> torrents = new HashSet<>();
    Map<String, PaidSwarms.Admission> admitted;
  }

  private final Swarms swarms;
  private final Map<WebSocketSession, Conn> conns = new ConcurrentHashMap<>();
  private final PaidSwarms paid;
  private final int intervalSeconds;
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
    this.maxPeersPerPayment = maxPeersPerPayment;
    this.clock = clock;
    this.swarms = new Swarms(maxPeersPerSwarm);
  }

  /** Handles one text message from {@code socket}. */
  public void onMessage(WebSocketSession socket, String text) {
    WsMessage m;
    try {
      m = WsMessage.parse(JSON, text);
    } catch (IOException e) {
      fail(socket, null, null, "invalid request");
      return;
    }
    onMessage(socket, m);
  }

  /**
   * Handles one text message from {@code socket} given as its UTF-8 bytes {@code utf8[0..length)}
   * (valid UTF-8, not kept): as {@link #onMessage(WebSocketSession, String)} without decoding them
   * into a string first.
   */
  public void onMessage(WebSocketSession socket, byte[] utf8, int length) {
    WsMessage m;
    try {
      m = WsMessage.parse(JSON, utf8, length);
    } catch (IOException e) {
      fail(socket, null, null, "invalid request");
      return;
    }
    onMessage(socket, m);
  }

  /**
   * A parsed message: locks are held only while the tracker's state changes, not while the message
   * is read or its reply is written.
   */
  private void onMessage(WebSocketSession socket, WsMessage m) {
    if (m == null) {
      fail(socket, null, null, "invalid request");
    } else if (m.action().equals("announce")) {
      send(socket, announce(socket, m));
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
  public HttpAnswer announceByAddress(
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
    Swarm swarm = swarms.lock(infoHash);
    try {
      if (admission == null && !paid.isEmpty() && paid.paid(infoHashHex).isPresent()) {
        // It became paid since the check above, and its unadmitted peers have been dropped.
        return HttpAnswer.failed("payment required");
      }
      if (!hasRoom(swarm, peerId, leecherKeyHex, event, admission)) {
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
      return new HttpAnswer(swarm.complete, swarm.incomplete, addresses, ports, null);
    } finally {
      swarms.unlock(infoHash, swarm);
    }
  }

  /** Counts for a scrape of a hex info hash: complete, incomplete, downloaded. */
  public int[] counts(String infoHashHex) {
    return countsOf(BinaryIds.fromHex(infoHashHex));
  }

  private int[] countsOf(String infoHash) {
    Swarm swarm = swarms.lockExisting(infoHash);
    if (swarm == null) {
      return new int[3];
    }
    try {
      return new int[] {swarm.complete, swarm.incomplete, swarm.downloaded};
    } finally {
      swarms.unlock(infoHash, swarm);
    }
  }

  /** Forgets a closed connection's peers. */
  public void onClose(WebSocketSession socket) {
    Conn c = conns.remove(socket);
    if (c == null) {
      return;
    }
    synchronized (c) {
      if (c.peerId == null) {
        return;
      }
      for (String infoHash : c.torrents) {
        Swarm swarm = swarms.lockExisting(infoHash);
        if (swarm != null) {
          try {
            swarm.remove(c.peerId);
          } finally {
            swarms.unlock(infoHash, swarm);
          }
        }
      }
    }
  }

  /**
   * Removes from a swarm that has just become paid every peer that was not admitted to it, so that
   * peers who joined it while it was free get no more offers (WebSocket) and leave the peer lists
   * (HTTP, UDP). They may come back with a paid balance id.
   */
  public void dropUnadmitted(String infoHashHex) {
    String infoHash = BinaryIds.fromHex(infoHashHex);
    Swarm swarm = swarms.lockExisting(infoHash);
    if (swarm == null) {
      return;
    }
    List<Swarm.Peer> removed;
    try {
      removed = swarm.removeUnadmitted();
    } finally {
      swarms.unlock(infoHash, swarm);
    }
    for (Swarm.Peer p : removed) {
      Conn c = p.socket == null ? null : conns.get(p.socket);
      if (c != null) {
        synchronized (c) {
          // Connection before swarm: the lock order. It may have come back in since, admitted.
          if (!inSwarm(infoHash, c.peerId, p.socket)) {
            c.torrents.remove(infoHash);
          }
        }
      }
    }
  }

  private boolean inSwarm(String infoHash, String peerId, WebSocketSession socket) {
    Swarm swarm = swarms.lockExisting(infoHash);
    if (swarm == null) {
      return false;
    }
    try {
      Swarm.Peer peer = swarm.peer(peerId);
      return peer != null && peer.socket == socket;
    } finally {
      swarms.unlock(infoHash, swarm);
    }
  }

  private boolean hasRoom(
      Swarm swarm, String peerId, String leecherKey, String event, PaidSwarms.Admission admission) {
    return admission == null
        || event.equals("stopped")
        || swarm.hasRoom(peerId, leecherKey, admission.entitlement(), maxPeersPerPayment);
  }

  /** Drops peers idle for longer than {@code idleMillis}. */
  public void expire(long idleMillis) {
    swarms.expire(clock.millis() - idleMillis);
  }

  /** How many torrents have peers. */
  public int torrentCount() {
    return swarms.size();
  }

  /** Counts over every swarm: torrents, seeders, leechers, IPv4, IPv6 and WebSocket peers. */
  public int[] census() {
    return swarms.census();
  }

  /** An announce; returns the reply to send once the lock is released, or null. */
  private JsonBytes announce(WebSocketSession socket, WsMessage m) {
    String infoHash = m.infoHash();
    if (!BinaryIds.isId(infoHash)) {
      fail(socket, "announce", infoHash, "invalid info_hash");
      return null;
    }
    String peerId = m.peerId();
    if (!BinaryIds.isId(peerId)) {
      fail(socket, "announce", infoHash, "invalid peer_id");
      return null;
    }
    Conn conn = conns.get(socket);
    if (conn == null) {
      conn = conns.computeIfAbsent(socket, s -> new Conn());
    }
    synchronized (conn) {
      return announce(socket, conn, m, infoHash, peerId);
    }
  }

  private JsonBytes announce(
      WebSocketSession socket, Conn conn, WsMessage m, String infoHash, String peerId) {
    if (conn.peerId == null) {
      conn.peerId = peerId;
    } else if (!conn.peerId.equals(peerId)) {
      fail(socket, "announce", infoHash, "peer_id changed on this connection");
      return null;
    }
    if (conn.torrents.size() >= MAX_TORRENTS_PER_CONNECTION && !conn.torrents.contains(infoHash)) {
      fail(socket, "announce", infoHash, "too many torrents on one connection");
      return null;
    }
    String event = m.event().isEmpty() || m.event().equals("empty") ? "update" : m.event();
    if (!EVENTS.contains(event)) {
      fail(socket, "announce", infoHash, "invalid event");
      return null;
    }
    if (m.leecherKey() != null && !PaidSwarms.isValidLeecherKey(m.leecherKey())) {
      fail(socket, "announce", infoHash, "invalid leecher_key");
      return null;
    }
    if (m.hasAnswer() && !BinaryIds.isId(m.toPeerId())) {
      fail(socket, "announce", infoHash, "invalid `to_peer_id` (required with `answer`)");
      return null;
    }
    boolean credentials =
        m.seederToken() != null || m.requestId() != null || m.leecherKey() != null;
    if (paid.isEmpty() && !credentials) {
      return admitted(socket, conn, m, event, null);
    }
    PaidSwarms.Admission earlier = conn.admitted == null ? null : conn.admitted.get(infoHash);
    if (earlier != null) {
      return admitted(socket, conn, m, event, earlier);
    }
    Optional<PaidSwarms.Registered> registration = paid.paid(BinaryIds.toHex(infoHash));
    if (registration.isPresent()) {
      return gate(socket, conn, m, event, registration.get());
    }
    return credentials ? lookUp(socket, conn, m, event) : admitted(socket, conn, m, event, null);
  }

  /**
   * An announce with paid-flow credentials (a seeder token, a balance id, a leecher key) of a
   * torrent this instance does not know as paid: it may be registered through another instance on
   * the shared Redis and not learned yet, so it is looked up before the peer enters as free, and
   * refused when that cannot be decided. Returns the reply when the answer is known at once.
   */
  private JsonBytes lookUp(WebSocketSession socket, Conn conn, WsMessage m, String event) {
    CompletableFuture<Optional<PaidSwarms.Registered>> found =
        paid.lookUp(BinaryIds.toHex(m.infoHash()));
    if (found.isDone() && !found.isCompletedExceptionally()) {
      Optional<PaidSwarms.Registered> r = found.join();
      return r.isPresent()
          ? gate(socket, conn, m, event, r.get())
          : admitted(socket, conn, m, event, null);
    }
    found.whenComplete(
        (r, error) -> {
          JsonBytes reply;
          synchronized (conn) {
            if (!socket.isOpen() || conns.get(socket) != conn) {
              return;
            }
            if (error != null) {
              fail(socket, "announce", m.infoHash(), PaidSwarms.Admission.UNAVAILABLE_REASON);
              return;
            }
            reply =
                r.isPresent()
                    ? gate(socket, conn, m, event, r.get())
                    : admitted(socket, conn, m, event, null);
          }
          send(socket, reply);
        });
    return null;
  }

  /**
   * A paid swarm: the seeder token, an earlier payment, or a spend now lets the peer in. Returns
   * the reply when the answer is known at once.
   */
  private JsonBytes gate(
      WebSocketSession socket, Conn conn, WsMessage m, String event, PaidSwarms.Registered r) {
    String infoHash = m.infoHash();
    CompletableFuture<PaidSwarms.Admission> admission =
        paid.admission(BinaryIds.toHex(infoHash), m.seederToken(), m.requestId(), r);
    if (admission.isDone()) {
      PaidSwarms.Admission a = admission.join();
      if (a.admitted()) {
        admit(conn, infoHash, a);
        return admitted(socket, conn, m, event, a);
      }
      if (a.failure() != null) {
        fail(socket, "announce", infoHash, a.failure());
        return null;
      }
      paymentRequired(socket, infoHash, r);
      return null;
    }
    admission.thenAccept(
        a -> {
          JsonBytes reply;
          synchronized (conn) {
            if (!socket.isOpen() || conns.get(socket) != conn) {
              return;
            }
            if (!a.admitted()) {
              fail(
                  socket,
                  "announce",
                  infoHash,
                  a.failure() != null ? a.failure() : "payment failed");
              return;
            }
            admit(conn, infoHash, a);
            reply = admitted(socket, conn, m, event, a);
          }
          send(socket, reply);
        });
    return null;
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
   * or admitted to a paid one, if its entitlement has room for it. Returns the announce's reply,
   * which the caller sends after the lock (offers and answers go out at once).
   */
  private JsonBytes admitted(
      WebSocketSession socket,
      Conn conn,
      WsMessage m,
      String event,
      PaidSwarms.Admission admission) {
    String infoHash = m.infoHash();
    String peerId = m.peerId();
    String leecherKey = m.leecherKey() == null ? null : m.leecherKey().toLowerCase(Locale.ROOT);
    JsonNode offers = m.offers();
    boolean offering =
        offers != null && offers.isArray() && offers.size() > 0 && !event.equals("stopped");
    List<Swarm.Peer> targets = List.of();
    WebSocketSession answerTo = null;
    JsonBytes reply = null;
    Swarm swarm = swarms.lock(infoHash);
    try {
      if (admission == null && !paid.isEmpty()) {
        Optional<PaidSwarms.Registered> r = paid.paid(BinaryIds.toHex(infoHash));
        if (r.isPresent()) {
          // It became paid since this announce was checked, and its unadmitted peers are gone.
          paymentRequired(socket, infoHash, r.get());
          return null;
        }
      }
      if (!hasRoom(swarm, peerId, leecherKey, event, admission)) {
        fail(socket, "announce", infoHash, TOO_MANY_PEERS);
        return null;
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
        answerTo = to == null ? null : to.socket;
      } else {
        reply = announceReply(swarm, infoHash, event, admission, leecherKey);
        if (offering) {
          targets = swarm.others(peerId, Math.min(offers.size(), MAX_OFFERS));
        }
      }
    } finally {
      swarms.unlock(infoHash, swarm);
    }

    if (answerTo != null && answerTo.isOpen()) {
      ObjectNode answer = JSON.createObjectNode();
      answer.put("action", "announce");
      answer.set("answer", orNull(m.answer()));
      answer.set("offer_id", orNull(m.offerId()));
      answer.put("peer_id", peerId);
      answer.put("info_hash", infoHash);
      send(answerTo, answer);
    }
    // npm bittorrent-tracker sends no response to an answer (reply is null then).
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
    return reply;
  }

  /** The most frequent message of all, written directly in npm's field order. */
  private JsonBytes announceReply(
      Swarm swarm,
      String infoHash,
      String event,
      PaidSwarms.Admission admission,
      String leecherKey) {
    if (swarm.infoHashJson == null) {
      swarm.infoHashJson = JsonBytes.string(infoHash);
    }
    JsonBytes reply = new JsonBytes(128);
    reply.append(COMPLETE).number(swarm.complete);
    reply.append(INCOMPLETE).number(swarm.incomplete);
    reply.append(ANNOUNCE_INFO_HASH).append(swarm.infoHashJson);
    reply.append(INTERVAL).number(intervalSeconds);
    if (admission != null && leecherKey != null && !event.equals("stopped")) {
      // Admitted to a paid swarm with a key to bind: the ticket that opens its seeders' doors.
      String hex = BinaryIds.toHex(infoHash);
      reply.append(ACCESS_TICKET).raw(paid.issueTicket(hex, leecherKey));
      reply.append(TICKET_KEY).raw(paid.ticketKeyHex()).append('"');
    }
    return reply.append('}');
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
      int[] counts = countsOf(binary);
      files
          .putObject(binary)
          .put("complete", counts[0])
          .put("incomplete", counts[1])
          .put("downloaded", counts[2]);
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

  private static void send(WebSocketSession socket, JsonBytes message) {
    if (message != null && socket.isOpen()) {
      socket.send(message.array(), 0, message.length());
    }
  }

  private static void send(WebSocketSession socket, ObjectNode message) {
    if (socket.isOpen()) {
      socket.send(message.toString());
    }
  }
}
