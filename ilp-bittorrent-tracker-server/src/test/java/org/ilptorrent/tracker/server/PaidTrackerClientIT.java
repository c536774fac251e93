package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.AccessTicket;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.TrackerClient;
import org.ilptorrent.tracker.client.TrackerClientOptions;
import org.ilptorrent.tracker.testing.EchoFactory;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.ilptorrent.tracker.testing.Resources;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paid flow from the client's side, with our tracker and a real receipt verifier: an unpaid
 * announce hands the licence to the listener; with a funded balance id the client is admitted and
 * offers or peers flow.
 */
class PaidTrackerClientIT {
  @TempDir Path dir;
  @RegisterExtension final Resources resources = new Resources();
  private SpspTestWallet wallet;
  private ReceiptVerifierClient verifierClient;
  private PaymentPointer proxy;
  private TrackerServer tracker;
  private CreatedTorrent torrent;
  private License license;
  private String seederToken;

  @BeforeEach
  void start() throws Exception {
    wallet = resources.use(new SpspTestWallet());
    ReceiptVerifierServer verifier = resources.use(ReceiptVerifierServer.builder().start());
    verifierClient =
        ReceiptVerifierClient.builder(verifier.uri())
            .registrationToken(verifier.registrationToken().orElseThrow())
            .build();
    proxy = verifierClient.registerPointer(PaymentPointer.parse(wallet.pointer()));
    Path file = dir.resolve("film.bin");
    Files.write(file, new byte[40_000]);
    license = License.ofPrice(proxy, verifier.uri(), "300", "USD", 0);
    torrent = TorrentCreator.builder().addPath(file).license(license).build().create();
    tracker =
        resources.use(
            TrackerServer.builder().allowVerifier(verifier.uri()).httpPort(0).udpPort(0).start());
    seederToken = tracker.registerPaidTorrent(torrent.torrentFile());
  }

  /** A balance credited with a real receipt for {@code amount}, as a paying leecher makes one. */
  private String fundedBalance(long amount) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(license.paymentPointer().toUrl())
                .header("Accept", "application/spsp4+json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    SpspTestWallet.Issued issued = wallet.takeIssued();
    String id = UUID.randomUUID().toString();
    verifierClient.creditReceipt(id, Receipt.create(issued.nonce(), 1, amount, issued.secret()));
    return id;
  }

  private TrackerClient client(URI announce, RecordingListener events, TrackerClient.Builder b) {
    return resources.use(
        b.infoHash(torrent.infoHash()).announce(List.of(announce)).listener(events).build());
  }

  @Test
  void webSocketLeecherLearnsThePricePaysAndItsOffersReachTheSeeder() throws Exception {
    URI ws = tracker.webSocketUri();
    RecordingListener seederEvents = new RecordingListener();
    client(
            ws,
            seederEvents,
            TrackerClient.builder()
                .options(
                    TrackerClientOptions.builder()
                        .seederToken(seederToken)
                        .stats(AnnounceStats.seeding(0, 0))
                        .offerFactory(new EchoFactory())
                        .build()))
        .start();
    seederEvents.await(RecordingListener.Announced.class);

    RecordingListener leecherEvents = new RecordingListener();
    TrackerClient leecher =
        client(
            ws,
            leecherEvents,
            TrackerClient.builder()
                .options(TrackerClientOptions.builder().offerFactory(new EchoFactory()).build()));
    leecher.start();
    RecordingListener.PaymentRequired required =
        leecherEvents.await(RecordingListener.PaymentRequired.class);
    assertThat(required.tracker()).isEqualTo(ws);
    assertThat(required.license()).isEqualTo(license);
    assertThat(leecherEvents.ofType(RecordingListener.Announced.class)).isEmpty();

    String balance = fundedBalance(500);
    leecher.setBalanceId(balance);
    leecher.update();
    assertThat(leecherEvents.await(RecordingListener.Announced.class).complete()).isEqualTo(1);
    ReceivedOffer offer = seederEvents.await(ReceivedOffer.class);
    assertThat(offer.from()).isEqualTo(leecher.peerId());
    assertThat(leecherEvents.await(ReceivedAnswer.class).offerId()).isEqualTo(offer.offerId());
    assertThat(verifierClient.spend(balance, 0, proxy.toString(), null))
        .as("the price was spent once")
        .isEqualTo(200);
  }

  @Test
  void httpLeecherLearnsThePricePaysAndGetsTheSeeder() throws Exception {
    URI http = tracker.httpAnnounceUri().orElseThrow();
    RecordingListener seederEvents = new RecordingListener();
    client(
            http,
            seederEvents,
            TrackerClient.builder()
                .port(7010)
                .options(
                    TrackerClientOptions.builder()
                        .seederToken(seederToken)
                        .stats(AnnounceStats.seeding(0, 0))
                        .build()))
        .start();
    seederEvents.await(RecordingListener.Announced.class);

    RecordingListener leecherEvents = new RecordingListener();
    TrackerClient leecher = client(http, leecherEvents, TrackerClient.builder().port(7011));
    leecher.start();
    assertThat(leecherEvents.await(RecordingListener.PaymentRequired.class).license())
        .isEqualTo(license);
    assertThat(leecherEvents.ofType(RecordingListener.Peer.class)).isEmpty();

    String balance = fundedBalance(300);
    leecher.setBalanceId(balance);
    leecher.update();
    assertThat(leecherEvents.await(RecordingListener.Peer.class).peer())
        .isEqualTo(new InetSocketAddress("127.0.0.1", 7010));
    assertThat(leecherEvents.await(RecordingListener.Announced.class).complete()).isEqualTo(1);
    assertThat(verifierClient.spend(balance, 0, proxy.toString(), null)).isZero();
  }

  @Test
  void anAdmittedLeecherKeyGetsAnAccessTicketOverWebSocketAndHttp() throws Exception {
    for (URI announce : List.of(tracker.webSocketUri(), tracker.httpAnnounceUri().orElseThrow())) {
      KeyPair key = AccessKeys.generate();
      RecordingListener events = new RecordingListener();
      TrackerClient leecher = client(announce, events, TrackerClient.builder().port(7012));
      leecher.setLeecherKey(key.getPublic());
      leecher.start();
      events.await(RecordingListener.PaymentRequired.class);
      assertThat(events.ofType(RecordingListener.Ticket.class)).isEmpty();

      leecher.setBalanceId(fundedBalance(300));
      leecher.update();
      RecordingListener.Ticket got = events.await(RecordingListener.Ticket.class);
      assertThat(got.tracker()).isEqualTo(announce);
      assertThat(got.trackerKey()).isEqualTo(AccessKeys.raw(tracker.ticketKey()));
      AccessTicket ticket = AccessTicket.parse(got.ticket());
      ticket.verify(tracker.ticketKey(), torrent.infoHash(), Instant.now());
      assertThat(ticket.leecherKey()).isEqualTo(AccessKeys.raw(key.getPublic()));
    }
  }

  @Test
  void ourUdpTrackerRefusesPaidTorrentsWithAWarning() throws Exception {
    RecordingListener events = new RecordingListener();
    client(
            tracker.udpAnnounceUri().orElseThrow(),
            events,
            TrackerClient.builder()
                .options(TrackerClientOptions.builder().balanceId(fundedBalance(300)).build()))
        .start();
    assertThat(events.await(RecordingListener.Warning.class).message())
        .isEqualTo("tracker failure: payment required: use a WebSocket or HTTP tracker");
    assertThat(events.ofType(RecordingListener.Announced.class)).isEmpty();
  }

  @Test
  void aBalanceIdGivenToTheBuilderIsAdmittedAtOnce() throws Exception {
    String balance = fundedBalance(1000);
    RecordingListener events = new RecordingListener();
    client(
            tracker.webSocketUri(),
            events,
            TrackerClient.builder()
                .options(TrackerClientOptions.builder().balanceId(balance).build()))
        .start();
    assertThat(events.await(RecordingListener.Announced.class).incomplete()).isEqualTo(1);
    assertThat(events.ofType(RecordingListener.PaymentRequired.class)).isEmpty();
  }
}
