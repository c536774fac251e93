package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder link planted in the download folder, pointing outside it: the download fails with a
 * clear error and creates nothing outside, however deep the torrent's paths go.
 */
class DownloadFolderLinksIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;
  @TempDir Path outside;

  @Test
  void aPlantedFolderLinkCreatesNothingOutsideAndFailsTheTorrent() throws Exception {
    Swarms.writeRandom(seedDir.resolve("set/sub/deeper/a.bin"), 100_000, 3);
    Swarms.writeRandom(seedDir.resolve("set/sub/b.bin"), 50_000, 4);
    TorrentInfo meta = Swarms.create(seedDir.resolve("set"), 32 * 1024);
    Files.createSymbolicLink(leechDir.resolve("set"), outside);

    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
      assertThatThrownBy(() -> t.whenDone().get(120, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .rootCause()
          .isInstanceOf(IOException.class)
          .hasMessageContaining("link out of the download folder");
    }
    assertThat(everythingUnder(outside)).isEmpty();
  }

  private static List<Path> everythingUnder(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(p -> !p.equals(folder)).toList();
    }
  }
}
