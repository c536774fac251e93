package org.ilptorrent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paid torrent with our tracker and a real receipt verifier: the leecher's discovery surfaces the
 * licence, and after {@code setBalanceId} with a funded balance the seeder arrives.
 */
class PaidDiscoveryIT {
  @TempDir Path dir;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T use(T resource) {
    resources.add(resource);
    return resource;
  }

  @Test
  void paymentRequiredCarriesTheLicenceAndAFundedBalanceIdAdmits() throws Exception {
    SpspTestWallet wallet = use(new SpspTestWallet());
    ReceiptVerifierServer verifier = use(ReceiptVerifierServer.builder().start());
    ReceiptVerifierClient verifierClient =
        ReceiptVerifierClient.builder(verifier.uri())
            .registrationToken(verifier.registrationToken().orElseThrow())
            .build();
    PaymentPointer proxy = verifierClient.registerPointer(PaymentPointer.parse(wallet.pointer()));
    Path file = dir.resolve("film.bin");
    Files.write(file, new byte[40_000]);
    License license = License.ofPrice(proxy, verifier.uri(), "300", "USD", 0);
    CreatedTorrent torrent =
        TorrentCreator.builder().addPath(file).license(license).build().create();
    TrackerServer tracker = use(TrackerServer.builder().allowVerifier(verifier.uri()).start());
    String seederToken = tracker.registerPaidTorrent(torrent.torrentFile());
    URI http = tracker.httpAnnounceUri().orElseThrow();

    Recorder seederEvents = new Recorder();
    Discovery seeder =
        use(
            Discovery.builder()
                .infoHash(torrent.infoHash())
                .port(7110)
                .privateTorrent(true)
                .announce(List.of(http))
                .listener(seederEvents)
                .trackerOptions(TrackerClientOptions.builder().seederToken(seederToken).build())
                .build());
    seeder.update(0, 0, 0);
    seeder.start();
    seederEvents.await(Recorder.Announced.class);

    Recorder leecherEvents = new Recorder();
    Discovery leecher =
        use(
            Discovery.builder()
                .infoHash(torrent.infoHash())
                .port(7111)
                .privateTorrent(true)
                .announce(List.of(http))
                .listener(leecherEvents)
                .build());
    leecher.start();
    Recorder.PaymentRequired required = leecherEvents.await(Recorder.PaymentRequired.class);
    assertThat(required).isEqualTo(new Recorder.PaymentRequired(http, license));
    assertThat(leecherEvents.ofType(Recorder.Peer.class)).isEmpty();

    // Pay as a leecher does: SPSP through the verifier's proxy, then credit the receipt.
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(license.paymentPointer().toUrl())
                .header("Accept", "application/spsp4+json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    SpspTestWallet.Issued issued = wallet.takeIssued();
    String balance = UUID.randomUUID().toString();
    verifierClient.creditReceipt(balance, Receipt.create(issued.nonce(), 1, 300, issued.secret()));

    leecher.setBalanceId(balance);
    Recorder.Peer peer = leecherEvents.await(Recorder.Peer.class);
    assertThat(peer)
        .isEqualTo(new Recorder.Peer(new InetSocketAddress("127.0.0.1", 7110), PeerSource.TRACKER));
    assertThat(verifierClient.spend(balance, 0, proxy.toString(), null))
        .as("the price was spent once")
        .isZero();
  }
}
