package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding a folder by its path: the torrent is made as create-torrent makes it, then served. */
class SeedPathIT {
  @TempDir Path dir;

  @Test
  void aFolderSeededByPathDownloadsByteIdentical() throws Exception {
    Path album = dir.resolve("share/album");
    Swarms.writeRandom(album.resolve("a.bin"), 700_000, 1);
    Swarms.writeRandom(album.resolve("disc 2/b.bin"), 300_000, 2);
    try (WebTorrent seeder = Swarms.client(dir.resolve("unused"));
        WebTorrent leecher = Swarms.client(dir.resolve("down"))) {
      Torrent seeding = seeder.seed(album, List.of("udp://127.0.0.1:1"), SeedOptions.defaults());
      TorrentInfo made = seeding.metadata().orElseThrow();
      byte[] expected =
          TorrentCreator.builder()
              .addPath(album)
              .announce(List.of("udp://127.0.0.1:1"))
              .build()
              .create()
              .torrentFile();
      assertThat(made.infoHash()).isEqualTo(TorrentInfo.parse(expected).infoHash());
      assertThat(made.name()).isEqualTo("album");
      Torrent download =
          leecher.add(made, AddOptions.builder().addPeer(Swarms.address(seeder)).build());
      Swarms.awaitDone(download);
      Swarms.assertSameFiles(album, dir.resolve("down/album"));
    }
  }
}
