package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.assertSameFiles;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our seeder to our leecher over TCP on 127.0.0.1, by .torrent and by magnet. */
class SwarmIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void aSingleFileDownloadsByteForByteFromATorrentFile() throws Exception {
    TorrentInfo meta =
        Swarms.singleFile(seedDir, "movie.bin", 3 * 1024 * 1024 + 12_345, 64 * 1024, 1);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      Torrent seed = seeder.seed(meta, seedDir, SeedOptions.defaults());
      awaitDone(seed);
      List<Integer> verified = new CopyOnWriteArrayList<>();
      Torrent t =
          leecher.add(meta.toTorrentFile(), AddOptions.builder().addPeer(address(seeder)).build());
      t.addListener(
          new TorrentListener() {
            @Override
            public void onPieceVerified(int piece) {
              verified.add(piece);
            }
          });
      awaitDone(t);
      assertSameFiles(seedDir, leechDir);
      Progress p = t.progress();
      assertThat(p.isDone()).isTrue();
      assertThat(p.verifiedBytes()).isEqualTo(meta.length());
      assertThat(p.downloaded()).isGreaterThanOrEqualTo(meta.length());
      assertThat(seed.progress().uploaded()).isGreaterThanOrEqualTo(meta.length());
      assertThat(t.files()).hasSize(1);
      assertThat(t.files().get(0).path()).containsExactly("movie.bin");
    }
  }

  @Test
  void aMultiFileTorrentDownloadsByMagnetAndAddPeer() throws Exception {
    TorrentInfo meta =
        Swarms.multiFile(seedDir, "set", 32 * 1024, 7, 100_000, 0, 5, 700_001, 64 * 1024);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t =
          leecher.add(MagnetUri.parse(meta.toMagnetUri().toString()), AddOptions.defaults());
      assertThat(t.metadata()).isEmpty();
      t.addPeer(address(seeder));
      t.addPeer(address(seeder));
      awaitDone(t);
      assertThat(t.metadata().orElseThrow().infoBytes()).isEqualTo(meta.infoBytes());
      assertThat(t.name()).isEqualTo("set");
      assertSameFiles(seedDir, leechDir);
    }
  }

  @Test
  void aLeecherLearnsOfTheSeederThroughPeerExchange(@TempDir Path secondDir) throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "pex.bin", 2 * 1024 * 1024, 32 * 1024, 8);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent first = client(leechDir);
        WebTorrent second = client(secondDir)) {
      Torrent s = seeder.seed(meta, seedDir, SeedOptions.defaults());
      awaitDone(s);
      // the first leecher wants only the first half, so it never seeds and stays with the seeder
      Torrent a = first.add(meta, AddOptions.defaults());
      a.deselect(meta.length() / 2, meta.length());
      a.addPeer(address(seeder));
      Await.until(
          "the first leecher to verify the half it wants",
          Duration.ofSeconds(30),
          () -> a.progress().verifiedBytes() >= meta.length() / 2);
      // the second is told only of the first; it can finish only if the first names the seeder
      Torrent b = second.add(meta, AddOptions.builder().addPeer(address(first)).build());
      awaitDone(b);
      assertThat(a.progress().isDone()).isFalse();
      assertSameFiles(seedDir, secondDir);
    }
  }

  @Test
  void clientsOnTheirOwnLoopbackAddressesDialFromThem() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "own.bin", 500_000, 32 * 1024, 9);
    try (WebTorrent seeder =
            WebTorrent.builder().host("127.0.0.2").downloadFolder(seedDir).start();
        WebTorrent leecher =
            WebTorrent.builder().host("127.0.0.3").downloadFolder(leechDir).start()) {
      Torrent s = seeder.seed(meta, seedDir, SeedOptions.defaults());
      awaitDone(s);
      List<java.net.InetSocketAddress> seen = new CopyOnWriteArrayList<>();
      s.addListener(
          new TorrentListener() {
            @Override
            public void onPeerConnected(java.net.InetSocketAddress peer) {
              seen.add(peer);
            }
          });
      Torrent t =
          leecher.add(
              meta,
              AddOptions.builder()
                  .addPeer(new java.net.InetSocketAddress("127.0.0.2", seeder.port()))
                  .build());
      awaitDone(t);
      assertSameFiles(seedDir, leechDir);
      assertThat(seen).isNotEmpty();
      assertThat(seen.get(0).getAddress().getHostAddress()).isEqualTo("127.0.0.3");
    }
  }

  @Test
  void aBitfieldInTheMiddleOfAConnectionIsAccepted() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "late.bin", 700_000, 32 * 1024, 10);
    byte[] content = java.nio.file.Files.readAllBytes(seedDir.resolve("late.bin"));
    try (FakePeer aria2Like = FakePeer.lateBitfield(meta, content);
        WebTorrent leecher = client(leechDir)) {
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(aria2Like.address()).build());
      awaitDone(t);
      assertSameFiles(seedDir, leechDir);
    }
  }

  @Test
  void anInfoHashAloneIsEnough() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "bare.bin", 1_234_567, 16 * 1024, 12);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t = leecher.add(meta.infoHash(), AddOptions.defaults());
      assertThat(t.name()).isEqualTo(meta.infoHash().toHex());
      assertThat(t.files()).isEmpty();
      assertThat(t.progress().length()).isZero();
      t.addPeer(address(seeder));
      awaitDone(t);
      assertThat(t.name()).isEqualTo("bare.bin");
      assertThat(t.progress().isDone()).isTrue();
      assertSameFiles(seedDir, leechDir);
    }
  }
}
