package org.ilptorrent.webtorrent;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.discovery.Discovery;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.stream.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.ReceiptVerifierServer;

/**
 * A paid swarm on 127.0.0.1, every part real and in-process: a receipt verifier, a wallet with
 * alice (the seller, USD scale 9) and funded payers, a tracker that allows the verifier, and
 * alice's seeder of a paid torrent, registered at the tracker and announcing with its seeder token.
 */
final class PaidSwarm implements AutoCloseable {
  /** The price: 0.00005 USD at scale 9. */
  static final long PRICE = 50_000;

  final Wallet wallet;
  final ReceiptVerifierServer verifier;
  final ReceiptVerifierClient verifierClient;
  final TrackerServer tracker;
  final PaymentPointer proxy;
  final License license;
  final CreatedTorrent torrent;
  final Path content;
  final WebTorrent seeder;
  private final List<AutoCloseable> resources = new ArrayList<>();

  PaidSwarm(Path dir) throws Exception {
    wallet =
        use(
            Wallet.builder()
                .account("alice", "USD", 9, 0)
                .account("bob", "USD", 9, 1_000_000)
                .account("carol", "USD", 9, 3_000)
                .account("dave", "EUR", 9, 1_000_000)
                .start());
    verifier = use(ReceiptVerifierServer.builder().start());
    verifierClient = ReceiptVerifierClient.builder(verifier.uri()).build();
    proxy = verifierClient.registerPointer(wallet.pointer("alice"));
    tracker = use(TrackerServer.builder().allowVerifier(verifier.uri()).start());
    content = dir.resolve("seed");
    Path file = content.resolve("film.bin");
    Swarms.writeRandom(file, 300_000, 14);
    license = License.ofPrice(proxy, verifier.uri(), "0.00005", "USD", 9);
    torrent =
        TorrentCreator.builder()
            .addPath(file)
            .pieceLength(16 * 1024)
            .license(license)
            .noCreationDate()
            .build()
            .create();
    String seederToken = tracker.registerPaidTorrent(torrent.torrentFile());
    seeder = use(Swarms.client(dir.resolve("unused")));
    seeder.seed(
        org.ilptorrent.parse.Torrent.parse(torrent.torrentFile()), content, SeedOptions.defaults());
    // The torrent names no tracker, so the seed's own discovery stays quiet; the publisher's
    // announces, with its seeder token, come from here (what seedPaid will do).
    Discovery publisher =
        use(
            Discovery.builder()
                .infoHash(torrent.infoHash())
                .port(seeder.port())
                .privateTorrent(true)
                .announce(List.of(trackerUri()))
                .seederToken(seederToken)
                .build());
    publisher.update(0, 0, 0);
    publisher.start();
  }

  URI trackerUri() {
    return tracker.httpAnnounceUri().orElseThrow();
  }

  /** The magnet a buyer gets: info hash, tracker, pp and vr. */
  MagnetUri magnet() {
    return torrent.magnet().toBuilder().addTracker(trackerUri().toString()).build();
  }

  /** A leecher client paying from {@code account} with {@code policy}. */
  WebTorrent leecher(Path folder, String account, PaymentPolicy policy) {
    return WebTorrent.builder()
        .downloadFolder(folder)
        .paymentPolicy(policy)
        .payer(Payer.stream(wallet.ilpUrl(), wallet.token(account)))
        .build();
  }

  private <T extends AutoCloseable> T use(T resource) {
    resources.add(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }
}
