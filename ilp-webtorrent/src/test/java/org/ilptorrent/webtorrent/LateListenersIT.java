package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fast torrent's first events are not lost: listeners given with {@link AddOptions} hear them,
 * and {@code whenMetadata()}/{@code whenReady()}/{@code whenDone()} stay complete, so an
 * application that asks after the fact still gets the answer.
 */
class LateListenersIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void theFuturesOfACompleteSeedAreCompleteWhenAskedLate() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "a.bin", 200_000, 16 * 1024, 1);
    try (WebTorrent seeder = client(seedDir)) {
      Torrent t = seeder.seed(meta, seedDir, SeedOptions.defaults());
      awaitDone(t);
      // everything happened before these calls
      assertThat(t.whenMetadata()).isCompletedWithValue(meta);
      assertThat(t.whenReady()).isDone();
      assertThat(t.whenReady().isCompletedExceptionally()).isFalse();
      assertThat(t.whenDone()).isDone();
    }
  }

  @Test
  void aListenerInTheOptionsHearsEveryEventOfAFastMagnetDownload() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "b.bin", 300_000, 16 * 1024, 2);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      List<String> heard = new CopyOnWriteArrayList<>();
      TorrentListener listener =
          new TorrentListener() {
            @Override
            public void onMetadata(TorrentInfo metadata) {
              heard.add("metadata " + metadata.infoHash().toHex());
            }

            @Override
            public void onReady() {
              heard.add("ready");
            }

            @Override
            public void onDone() {
              heard.add("done");
            }
          };
      MagnetUri magnet =
          meta.toMagnetUri().toBuilder().addPeerAddress("127.0.0.1:" + seeder.port()).build();
      Torrent t = leecher.add(magnet, AddOptions.builder().listener(listener).build());
      assertThat(t.whenMetadata().get(60, TimeUnit.SECONDS).infoHash()).isEqualTo(meta.infoHash());
      t.whenReady().get(60, TimeUnit.SECONDS);
      awaitDone(t);
      // the futures complete after the listeners heard the same event
      assertThat(heard).startsWith("metadata " + meta.infoHash().toHex(), "ready").contains("done");
      Swarms.assertSameFiles(seedDir.resolve("b.bin"), leechDir.resolve("b.bin"));
    }
  }

  @Test
  void theFuturesFailWhenTheTorrentIsRemovedFirst() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "c.bin", 100_000, 16 * 1024, 3);
    try (WebTorrent leecher = client(leechDir)) {
      // a magnet nobody seeds: no metadata ever comes
      Torrent t = leecher.add(meta.infoHash(), AddOptions.defaults());
      t.remove();
      assertThatThrownBy(() -> t.whenMetadata().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("torrent removed");
      assertThatThrownBy(() -> t.whenReady().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void aTorrentAddedWithPeersHearsItsPeerFromTheStart() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "d.bin", 100_000, 16 * 1024, 4);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      List<String> heard = new CopyOnWriteArrayList<>();
      Torrent t =
          leecher.add(
              meta,
              AddOptions.builder()
                  .addPeer(address(seeder))
                  .listener(
                      new TorrentListener() {
                        @Override
                        public void onPeerConnected(java.net.InetSocketAddress peer) {
                          heard.add("peer");
                        }
                      })
                  .build());
      awaitDone(t);
      assertThat(heard).contains("peer");
    }
  }
}
