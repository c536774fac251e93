package org.ilptorrent.webtorrent;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.stream.wallet.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;

/**
 * A paid swarm on 127.0.0.1, every part real and in-process: a receipt verifier, a wallet with
 * alice (the seller, USD scale 9) and funded payers, a tracker that allows the verifier, and
 * alice's {@link WebTorrent#seedPaid} seeder, which registered the torrent with both operators'
 * tokens and serves only peers with the tracker's access ticket.
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
  final TorrentInfo torrent;
  final Path content;
  final WebTorrent seeder;
  final Torrent seed;
  private final List<AutoCloseable> resources = new ArrayList<>();

  PaidSwarm(Path dir) throws Exception {
    this(dir, 300_000);
  }

  /** A swarm whose paid file is {@code size} random bytes. */
  PaidSwarm(Path dir, long size) throws Exception {
    wallet =
        use(
            Wallet.builder()
                .account("alice", "USD", 9, 0)
                .account("bob", "USD", 9, 1_000_000)
                .account("carol", "USD", 9, 3_000)
                .account("dave", "EUR", 9, 1_000_000)
                .account("erin", "USD", 9, 1_000_000)
                .start());
    verifier = use(ReceiptVerifierServer.builder().start());
    verifierClient =
        ReceiptVerifierClient.builder(verifier.uri())
            .registrationToken(verifier.registrationToken().orElseThrow())
            .build();
    tracker = use(TrackerServer.builder().allowVerifier(verifier.uri()).start());
    content = dir.resolve("seed");
    Path file = content.resolve("film.bin");
    Swarms.writeRandom(file, size, 14);
    seeder = use(Swarms.client(dir.resolve("unused")));
    seed =
        seeder.seedPaid(
            file,
            PaidSeedOptions.builder()
                .wallet(wallet.pointer("alice"))
                .price(new BigDecimal("0.00005"))
                .verifier(verifier.uri())
                .addTracker(trackerUri().toString())
                .verifierToken(verifier.registrationToken().orElseThrow())
                .trackerToken(tracker.registrationToken().orElseThrow())
                .stateFolder(dir.resolve("seed-state"))
                .build());
    torrent = seed.metadata().orElseThrow();
    license = torrent.license().orElseThrow();
    proxy = license.paymentPointer();
  }

  URI trackerUri() {
    return tracker.httpAnnounceUri().orElseThrow();
  }

  /** The magnet a buyer gets: info hash, tracker, pp and vr. */
  MagnetUri magnet() {
    MagnetUri m = torrent.toMagnetUri();
    return m.announce().contains(trackerUri().toString())
        ? m
        : m.toBuilder().addTracker(trackerUri().toString()).build();
  }

  /** A leecher client paying from {@code account} with {@code policy}. */
  WebTorrent leecher(Path folder, String account, PaymentPolicy policy) throws java.io.IOException {
    return WebTorrent.builder()
        .downloadFolder(folder)
        .paymentPolicy(policy)
        .payer(Payer.stream(wallet.ilpUrl(), wallet.token(account)))
        .start();
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
