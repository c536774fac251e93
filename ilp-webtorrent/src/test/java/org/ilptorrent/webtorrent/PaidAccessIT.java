package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.AccessTicket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ilp_access} gate on real sockets: a seeder of a paid torrent sends no byte of it
 * (bitfield, have, metadata, piece, unchoke) to a peer before that peer shows a tracker's ticket
 * for this torrent and signs the connection's challenge with the ticket's key, and still serves its
 * free torrents to anyone. Every assertion is on what arrived on the socket.
 */
class PaidAccessIT {
  private static final int PIECE = 16 * 1024;
  private static final long WAIT_FOR_CLOSE = 15_000;

  @TempDir Path dir;

  private final KeyPair tracker = AccessKeys.generate();
  private final KeyPair leecher = AccessKeys.generate();
  private TorrentInfo paid;
  private byte[] content;

  @BeforeEach
  void makePaidTorrent() throws Exception {
    Path file = dir.resolve("share/paid.bin");
    Swarms.writeRandom(file, 5 * PIECE + 123, 7);
    content = Files.readAllBytes(file);
    License license =
        License.ofPrice(
            PaymentPointer.parse("http://127.0.0.1:1/spsp/" + "ab".repeat(32)),
            URI.create("http://127.0.0.1:1"),
            new BigDecimal("0.50"),
            "USD",
            9);
    paid =
        TorrentInfo.parse(
            TorrentCreator.builder()
                .addPath(file)
                .pieceLength(PIECE)
                .license(license)
                .noCreationDate()
                .build()
                .create()
                .torrentFile());
    assertThat(paid.isPrivate()).isTrue();
  }

  private Torrent seedPaid(WebTorrent seeder) throws Exception {
    Torrent t = seeder.seed(paid, dir.resolve("share"), SeedOptions.defaults());
    t.trackerKey(tracker.getPublic());
    t.whenDone().get(30, TimeUnit.SECONDS);
    assertThat(t.isPaid()).isTrue();
    return t;
  }

  private AccessTicket ticket(InfoHash hash, KeyPair holder, Instant expiry, KeyPair issuer) {
    return AccessTicket.issue(
        issuer.getPrivate(), hash, AccessKeys.raw(holder.getPublic()), expiry);
  }

  private Instant inAnHour() {
    return Instant.now().plus(Duration.ofHours(1));
  }

  @Test
  void peersWithoutAValidTicketGetNothingAndAreClosed() throws Exception {
    try (WebTorrent seeder = Swarms.client(dir.resolve("unused"))) {
      seedPaid(seeder);
      InetSocketAddress at = Swarms.address(seeder);
      InfoHash hash = paid.infoHash();
      AccessTicket good = ticket(hash, leecher, inAnHour(), tracker);
      KeyPair thief = AccessKeys.generate();
      List<CompletableFuture<RawPeer.Session>> runs =
          List.of(
              // no BEP 10 at all: cannot show a ticket
              run(at, hash, false, null),
              // BEP 10 but no ticket: waits out the 10 s
              run(at, hash, true, null),
              // a ticket for another torrent
              run(
                  at,
                  hash,
                  true,
                  new RawPeer.Proof(
                      ticket(
                          InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567"),
                          leecher,
                          inAnHour(),
                          tracker),
                      leecher.getPrivate())),
              // an expired ticket
              run(
                  at,
                  hash,
                  true,
                  new RawPeer.Proof(
                      ticket(hash, leecher, Instant.now().minusSeconds(1), tracker),
                      leecher.getPrivate())),
              // a copied ticket, without its private key: the challenge signature fails
              run(at, hash, true, new RawPeer.Proof(good, thief.getPrivate())),
              // a ticket signed by some other key than the tracker's
              run(
                  at,
                  hash,
                  true,
                  new RawPeer.Proof(
                      ticket(hash, leecher, inAnHour(), AccessKeys.generate()),
                      leecher.getPrivate())));
      for (int i = 0; i < runs.size(); i++) {
        RawPeer.Session s = runs.get(i).get(60, TimeUnit.SECONDS);
        assertThat(s.revealing()).as("case %d: messages revealing the torrent", i).isEmpty();
        assertThat(s.granted()).as("case %d granted", i).isFalse();
        assertThat(s.closed()).as("case %d closed by the seeder", i).isTrue();
        assertThat(indexOf(s.bytes(), Arrays.copyOfRange(content, 0, 64)))
            .as("case %d: content bytes on the wire", i)
            .isEqualTo(-1);
        assertThat(indexOf(s.bytes(), paid.infoBytes()))
            .as("case %d: metadata on the wire", i)
            .isEqualTo(-1);
      }
      RawPeer.Session withBep10 = runs.get(1).get();
      assertThat(withBep10.theirExtensions()).containsKey("ilp_access").doesNotContainKey("ut_pex");
    }
  }

  @Test
  void aValidTicketHolderGetsTheData() throws Exception {
    try (WebTorrent seeder = Swarms.client(dir.resolve("unused"))) {
      seedPaid(seeder);
      AccessTicket good = ticket(paid.infoHash(), leecher, inAnHour(), tracker);
      RawPeer.Session s =
          RawPeer.run(
              Swarms.address(seeder),
              paid.infoHash(),
              true,
              new RawPeer.Proof(good, leecher.getPrivate()),
              PIECE,
              WAIT_FOR_CLOSE);
      assertThat(s.granted()).isTrue();
      assertThat(s.messages())
          .anyMatch(m -> m instanceof org.ilptorrent.webtorrent.internal.wire.PeerMessage.Bitfield);
      assertThat(s.blockBytes()).isEqualTo(Arrays.copyOfRange(content, 0, PIECE));
    }
  }

  @Test
  void aTicketedClientDownloadsWhileTheSameSeederServesFreeTorrentsToAnyone() throws Exception {
    Path freeFile = dir.resolve("share/free.bin");
    Swarms.writeRandom(freeFile, 3 * PIECE + 5, 9);
    TorrentInfo free = Swarms.create(freeFile, PIECE);
    try (WebTorrent seeder = Swarms.client(dir.resolve("unused"));
        WebTorrent buyer = Swarms.client(dir.resolve("bought"));
        WebTorrent stranger = Swarms.client(dir.resolve("free"))) {
      seedPaid(seeder);
      Torrent freeSeed = seeder.seed(free, dir.resolve("share"), SeedOptions.defaults());
      freeSeed.whenDone().get(30, TimeUnit.SECONDS);
      assertThat(freeSeed.isPaid()).isFalse();

      Torrent freeDownload =
          stranger.add(free, AddOptions.builder().addPeer(Swarms.address(seeder)).build());
      Swarms.awaitDone(freeDownload);
      assertThat(Files.mismatch(freeFile, dir.resolve("free/free.bin"))).isEqualTo(-1L);

      // the buyer by magnet (pp/vr say paid): the metadata comes only after the grant too
      Torrent download =
          buyer.add(
              paid.toMagnetUri(), AddOptions.builder().addPeer(Swarms.address(seeder)).build());
      assertThat(download.isPaid()).isTrue();
      download.leecherKey(leecher);
      download.accessTicket(
          ticket(paid.infoHash(), leecher, inAnHour(), tracker), tracker.getPublic());
      Swarms.awaitDone(download);
      assertThat(Files.mismatch(dir.resolve("share/paid.bin"), dir.resolve("bought/paid.bin")))
          .isEqualTo(-1L);
    }
  }

  private static CompletableFuture<RawPeer.Session> run(
      InetSocketAddress at, InfoHash hash, boolean bep10, RawPeer.Proof proof) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return RawPeer.run(at, hash, bep10, proof, PIECE, WAIT_FOR_CLOSE);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
