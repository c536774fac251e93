package org.ilptorrent.tracker.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;

/**
 * What paid-swarm tests share: a test wallet, a real receipt verifier with the wallet's proxy
 * pointer, a paid torrent (price 300 USD, scale 0) and balances funded with real receipts.
 */
final class PaidSetup implements AutoCloseable {
  final SpspTestWallet wallet;
  final ReceiptVerifierServer verifier;
  final ReceiptVerifierClient client;
  final CreatedTorrent torrent;

  /** The wallet's proxy pointer at the verifier, which the torrent's licence names. */
  final PaymentPointer proxy;

  private final Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  PaidSetup(Path dir) throws Exception {
    this.dir = dir;
    wallet = new SpspTestWallet();
    verifier = ReceiptVerifierServer.builder().start();
    client =
        ReceiptVerifierClient.builder(verifier.uri())
            .registrationToken(verifier.registrationToken().orElseThrow())
            .build();
    proxy = client.registerPointer(PaymentPointer.parse(wallet.pointer()));
    Path file = dir.resolve("film.bin");
    Files.write(file, new byte[40_000]);
    License license = License.ofPrice(proxy, verifier.uri(), "300", "USD", 0);
    torrent = TorrentCreator.builder().addPath(file).license(license).build().create();
  }

  /** Another paid torrent of the same wallet and verifier: a file {@code name}, {@code amount}. */
  CreatedTorrent paidTorrent(String name, String amount) throws Exception {
    return paidTorrent(name, amount, verifier.uri());
  }

  /** A paid torrent of the wallet's proxy pointer whose licence names {@code verifierUri}. */
  CreatedTorrent paidTorrent(String name, String amount, java.net.URI verifierUri)
      throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    License license =
        License.ofPrice(
            PaymentPointer.parse(torrent.magnet().paymentPointer().orElseThrow().toString()),
            verifierUri,
            amount,
            "USD",
            0);
    return TorrentCreator.builder().addPath(file).license(license).build().create();
  }

  /** The info hash as a WebSocket binary string. */
  String binaryHash() {
    return binary(torrent.infoHash().toBytes());
  }

  /** The info hash percent-encoded for an HTTP query. */
  String queryHash() {
    StringBuilder q = new StringBuilder();
    for (byte b : torrent.infoHash().toBytes()) {
      q.append(String.format("%%%02X", b & 0xFF));
    }
    return q.toString();
  }

  /** A balance at the verifier credited with a real receipt of {@code amount}. */
  String fundedBalance(long amount) throws Exception {
    PaymentPointer proxy =
        PaymentPointer.parse(torrent.magnet().paymentPointer().orElseThrow().toString());
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(proxy.toUrl())
                .header("Accept", "application/spsp4+json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    SpspTestWallet.Issued n = wallet.takeIssued();
    String id = UUID.randomUUID().toString();
    client.creditReceipt(id, Receipt.create(n.nonce(), 1, amount, n.secret()));
    return id;
  }

  /** What is left on a balance for the licence's pointer (a spend of nothing). */
  long balance(String balanceId) throws Exception {
    return balance(balanceId, proxy.toString());
  }

  /** What is left on a balance for {@code pointer} (a proxy hash or pointer). */
  long balance(String balanceId, String pointer) throws Exception {
    return client.spend(balanceId, 0, pointer, null);
  }

  /**
   * A WebSocket announce ({@code event} started) of {@code binaryHash} by peer {@code peer}, with
   * {@code field} (such as {@code requestId} or {@code seeder_token}, which also makes it a seeder)
   * set to {@code value}; no field when {@code field} is null.
   */
  static String announce(String binaryHash, char peer, String field, String value) {
    com.fasterxml.jackson.databind.node.ObjectNode a =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    a.put("action", "announce");
    a.put("info_hash", binaryHash);
    a.put("peer_id", WsTestClient.id(peer));
    a.put("left", "seeder_token".equals(field) ? 0 : 100);
    a.put("event", "started");
    if (field != null) {
      a.put(field, value);
    }
    return a.toString();
  }

  /**
   * A WebSocket announce ({@code event} started, {@code left} 100) of {@code binaryHash} by peer
   * {@code peer}, with the JSON fields {@code extra} (such as {@code ,"left":0}) added or replaced.
   */
  static String announceWith(String binaryHash, char peer, String extra) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode m =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree("{\"event\":\"started\",\"left\":100" + extra + "}");
      m.put("action", "announce");
      m.put("info_hash", binaryHash);
      m.put("peer_id", WsTestClient.id(peer));
      return m.toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(extra, e);
    }
  }

  /**
   * {@code ,"offers":[...]}: three offers (sdp "x") with offer ids made of {@code first}, +1, +2.
   */
  static String offers(char first) {
    StringBuilder o = new StringBuilder(",\"offers\":[");
    for (char id = first; id < first + 3; id++) {
      o.append(id == first ? "" : ",")
          .append("{\"offer\":{\"sdp\":\"x\"},\"offer_id\":\"")
          .append(WsTestClient.id(id))
          .append("\"}");
    }
    return o.append("]").toString();
  }

  /**
   * An HTTP announce of the paid torrent to {@code tracker} by the 20-byte peer id {@code
   * peerIdHex} (port 7000, {@code left} 5 unless {@code extra} sets it) with the query {@code
   * extra}: the bencoded answer.
   */
  String httpAnnounce(TrackerServer tracker, String peerIdHex, String extra) throws Exception {
    StringBuilder peer = new StringBuilder();
    for (int i = 0; i < peerIdHex.length(); i += 2) {
      peer.append('%').append(peerIdHex, i, i + 2);
    }
    java.net.URI uri =
        java.net.URI.create(
            tracker.httpAnnounceUri().orElseThrow()
                + "?info_hash="
                + queryHash()
                + "&peer_id="
                + peer
                + "&port=7000&compact=1"
                + (extra.contains("&left=") ? "" : "&left=5")
                + extra);
    return http.send(
            HttpRequest.newBuilder(uri).build(),
            HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1))
        .body();
  }

  static String binary(byte[] bytes) {
    char[] c = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      c[i] = (char) (bytes[i] & 0xFF);
    }
    return new String(c);
  }

  @Override
  public void close() throws Exception {
    verifier.close();
    wallet.close();
  }
}
