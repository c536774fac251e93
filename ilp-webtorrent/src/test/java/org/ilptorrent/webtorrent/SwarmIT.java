package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.assertSameFiles;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ilptorrent.magnet.MagnetUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our seeder to our leecher over TCP on 127.0.0.1, by .torrent and by magnet. */
class SwarmIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void aSingleFileDownloadsByteForByteFromATorrentFile() throws Exception {
    org.ilptorrent.parse.Torrent meta =
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
    org.ilptorrent.parse.Torrent meta =
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
}
