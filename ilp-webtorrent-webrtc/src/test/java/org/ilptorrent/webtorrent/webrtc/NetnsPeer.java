package org.ilptorrent.webtorrent.webrtc;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.stream.wallet.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.ilptorrent.webtorrent.AddOptions;
import org.ilptorrent.webtorrent.PaidSeedOptions;
import org.ilptorrent.webtorrent.Payer;
import org.ilptorrent.webtorrent.SeedOptions;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.TorrentListener;
import org.ilptorrent.webtorrent.WebTorrent;

/**
 * The processes of the WebRTC tests, run inside a {@link Netns} (a JVM each):
 *
 * <ul>
 *   <li>{@code tracker HOST}: a WebSocket tracker; prints {@code tracker <ws url>}.
 *   <li>{@code seed HOST FILE ANNOUNCE webrtc|tcp}: seeds FILE; prints {@code tcp <port>} and
 *       {@code magnet <uri>}.
 *   <li>{@code leech HOST MAGNET OUT webrtc|tcp [PEER_HOST:PORT]}: downloads into OUT, prints
 *       {@code peer <address>} for each peer and {@code done} at the end, and exits 0.
 *   <li>{@code paid HOST FILE}: the paid flow's services (a receipt verifier and a wallet on
 *       127.0.0.1, a WebSocket tracker on HOST that allows the verifier) and a paid seeder of FILE
 *       over WebRTC; pays the price from a funded account under a fresh balance id and credits the
 *       receipts. Prints {@code tracker <ws url>}, {@code magnet <uri>} and {@code funded <balance
 *       id>}.
 * </ul>
 */
public final class NetnsPeer {
  private NetnsPeer() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "tracker" -> tracker(args[1]);
      case "seed" -> seed(args[1], Path.of(args[2]), args[3], args[4].equals("webrtc"));
      case "leech" ->
          leech(
              args[1],
              MagnetUri.parse(args[2]),
              Path.of(args[3]),
              args[4].equals("webrtc"),
              args.length > 5 ? args[5] : null);
      case "paid" -> paid(args[1], Path.of(args[2]));
      case "fallback" -> fallback(Path.of(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException("unknown role " + args[0]);
    }
  }

  private static void tracker(String host) throws Exception {
    try (TrackerServer t = TrackerServer.builder().host(host).port(0).start()) {
      System.out.println("tracker " + t.webSocketUri());
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private static WebTorrent client(String host, Path folder, boolean webrtc) throws Exception {
    log("starting");
    WebTorrent.Builder b = WebTorrent.builder().host(host).downloadFolder(folder);
    if (webrtc) {
      b.transport(WebRtcTransport.builder().start());
      log("webrtc loaded");
    }
    WebTorrent client = b.start();
    log("client started");
    return client;
  }

  private static void seed(String host, Path file, String announce, boolean webrtc)
      throws Exception {
    try (WebTorrent client = client(host, file.getParent(), webrtc)) {
      Torrent t = client.seed(file, List.of(announce), SeedOptions.defaults());
      t.addListener(printPeers());
      System.out.println("tcp " + client.port());
      System.out.println("magnet " + t.metadata().orElseThrow().toMagnetUri());
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private static void paid(String host, Path file) throws Exception {
    try (Wallet wallet =
            Wallet.builder()
                .account("alice", "USD", 9, 0)
                .account("bob", "USD", 9, 1_000_000)
                .start();
        ReceiptVerifierServer verifier = ReceiptVerifierServer.builder().start();
        TrackerServer tracker =
            TrackerServer.builder().host(host).port(0).allowVerifier(verifier.uri()).start();
        WebTorrent seeder = client(host, file.getParent(), true)) {
      System.out.println("tracker " + tracker.webSocketUri());
      Torrent seed =
          seeder.seedPaid(
              file,
              PaidSeedOptions.builder()
                  .wallet(wallet.pointer("alice"))
                  .price(new BigDecimal("0.00005"))
                  .verifier(verifier.uri())
                  .addTracker(tracker.webSocketUri().toString())
                  .verifierToken(verifier.registrationToken().orElseThrow())
                  .trackerToken(tracker.registrationToken().orElseThrow())
                  .stateFolder(file.getParent().resolve("seed-state"))
                  .build());
      seed.addListener(printPeers());
      TorrentInfo torrent = seed.metadata().orElseThrow();
      License license = torrent.license().orElseThrow();
      ReceiptVerifierClient credits = ReceiptVerifierClient.builder(verifier.uri()).build();
      String balanceId = UUID.randomUUID().toString();
      Payer.stream(wallet.ilpUrl(), wallet.token("bob"))
          .pay(
              license,
              license.amount().longValueExact(),
              (receipt, delivered) -> credits.creditReceipt(balanceId, receipt));
      System.out.println("magnet " + torrent.toMagnetUri());
      System.out.println("funded " + balanceId);
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private static void fallback(Path file, Path out) throws Exception {
    java.util.Optional<WebRtcTransport> seederRtc = WebRtcTransport.builder().tryStart();
    System.out.println("webrtc " + (seederRtc.isPresent() ? "on" : "off"));
    WebTorrent.Builder sb = WebTorrent.builder().downloadFolder(file.getParent());
    seederRtc.ifPresent(sb::transport);
    try (WebTorrent seeder = sb.start();
        WebTorrent leecher = WebTorrent.builder().downloadFolder(out).start()) {
      Torrent seed = seeder.seed(file, List.of("ws://127.0.0.1:9/"), SeedOptions.defaults());
      Torrent t =
          leecher.add(
              seed.metadata().orElseThrow(),
              AddOptions.builder()
                  .addPeer(new InetSocketAddress("127.0.0.1", seeder.port()))
                  .build());
      t.whenDone().get(60, TimeUnit.SECONDS);
      System.out.println("done");
    }
  }

  private static void leech(String host, MagnetUri magnet, Path out, boolean webrtc, String tcpPeer)
      throws Exception {
    AddOptions.Builder options = AddOptions.builder().listener(printPeers());
    if (tcpPeer != null) {
      int colon = tcpPeer.lastIndexOf(':');
      options.addPeer(
          new InetSocketAddress(
              tcpPeer.substring(0, colon), Integer.parseInt(tcpPeer.substring(colon + 1))));
    }
    try (WebTorrent client = client(host, out, webrtc)) {
      Torrent t = client.add(magnet, options.build());
      t.whenDone().get(120, TimeUnit.SECONDS);
      System.out.println("done");
    }
    System.exit(0);
  }

  /** A line for the test's log, with the time. */
  private static void log(String what) {
    System.err.println(java.time.LocalTime.now() + " " + what);
  }

  private static TorrentListener printPeers() {
    return new TorrentListener() {
      @Override
      public void onPeerConnected(InetSocketAddress peer) {
        System.out.println("peer " + peer.getAddress().getHostAddress() + ":" + peer.getPort());
      }

      @Override
      public void onWarning(String message) {
        System.out.println("warning " + message);
      }
    };
  }
}
