package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.assertSameFiles;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.nio.file.Path;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 256 MiB from our seeder to our leecher through temp files, both in this JVM, which failsafe runs
 * at -Xmx128m: the data path must not hold pieces on the heap.
 */
class LargeTransferIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void twoHundredFiftySixMebibytesArriveIntactAtASmallHeap() throws Exception {
    long length = Long.getLong("large.mib", 256) * 1024 * 1024;
    TorrentInfo meta = Swarms.singleFile(seedDir, "big.bin", length, 256 * 1024, 42);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      long start = System.nanoTime();
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
      awaitDone(t);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%d MiB in %.2f s: %.0f MiB/s, max heap %d MiB%n",
          length >> 20, seconds, (length >> 20) / seconds, Runtime.getRuntime().maxMemory() >> 20);
      assertThat(t.progress().verifiedBytes()).isEqualTo(length);
      assertSameFiles(seedDir, leechDir);
    }
  }
}
