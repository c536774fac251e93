package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.parse.InvalidTorrentException;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client's own events and totals, and adding torrents by text as WebTorrent's add does. */
class ClientEventsIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;

  private static final class Recorder implements ClientListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onTorrentAdded(Torrent torrent) {
      events.add("added " + torrent.name());
    }

    @Override
    public void onTorrentRemoved(Torrent torrent) {
      events.add("removed " + torrent.name());
    }

    @Override
    public void onTorrentError(Torrent torrent, Throwable error) {
      events.add("error " + torrent.name());
    }
  }

  @Test
  void clientEventsAndTotalsFollowEveryTorrent() throws Exception {
    TorrentInfo a = Swarms.singleFile(seedDir, "a.bin", 400_000, 16 * 1024, 1);
    TorrentInfo b = Swarms.singleFile(seedDir, "b.bin", 250_000, 16 * 1024, 2);
    Recorder seen = new Recorder();
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      leecher.addListener(seen);
      awaitDone(seeder.seed(a, seedDir, SeedOptions.defaults()));
      awaitDone(seeder.seed(b, seedDir, SeedOptions.defaults()));
      AddOptions peer = AddOptions.builder().addPeer(address(seeder)).build();
      Torrent ta = leecher.add(a, peer);
      Torrent tb = leecher.add(b, peer);
      awaitDone(ta);
      awaitDone(tb);
      ClientProgress down = leecher.progress();
      assertThat(down.torrents()).isEqualTo(2);
      assertThat(down.length()).isEqualTo(650_000);
      assertThat(down.verifiedBytes()).isEqualTo(650_000);
      assertThat(down.fraction()).isEqualTo(1.0);
      assertThat(down.downloaded()).isGreaterThanOrEqualTo(650_000);
      ClientProgress up = seeder.progress();
      assertThat(up.uploaded()).isGreaterThanOrEqualTo(650_000);
      assertThat(up.ratio()).isZero(); // the seeder downloaded nothing
      assertThat(down.ratio()).isEqualTo((double) down.uploaded() / down.downloaded());
      ta.remove();
      Await.until(
          "the removal event", Duration.ofSeconds(10), () -> seen.events.contains("removed a.bin"));
      assertThat(leecher.progress().torrents()).isEqualTo(1);
    }
    // closing removes the rest
    Await.until(
        "the removal of b on close",
        Duration.ofSeconds(10),
        () -> seen.events.contains("removed b.bin"));
    assertThat(seen.events)
        .containsSubsequence("added a.bin", "added b.bin", "removed a.bin", "removed b.bin");
  }

  @Test
  void aFailedTorrentIsAClientError() throws Exception {
    TorrentInfo a = Swarms.singleFile(seedDir, "a.bin", 100_000, 16 * 1024, 3);
    Recorder seen = new Recorder();
    try (WebTorrent leecher = client(leechDir)) {
      leecher.addListener(seen);
      // storage that cannot open fails the torrent
      leecher.add(
          a,
          AddOptions.builder()
              .storeFactory(
                  (folder, t) -> {
                    throw new java.io.IOException("disk unplugged");
                  })
              .build());
      Await.until(
          "the error event", Duration.ofSeconds(10), () -> seen.events.contains("error a.bin"));
      assertThat(leecher.torrents()).hasSize(1);
    }
  }

  @Test
  void addTakesAMagnetAnInfoHashOrAPathAsText() throws Exception {
    TorrentInfo a = Swarms.singleFile(seedDir, "a.bin", 300_000, 16 * 1024, 4);
    TorrentInfo b = Swarms.singleFile(seedDir, "b.bin", 200_000, 16 * 1024, 5);
    Path torrentFile = seedDir.resolve("c.torrent");
    Files.writeString(seedDir.resolve("c.txt"), "the third torrent's content");
    byte[] c =
        TorrentCreator.builder()
            .addPath(seedDir.resolve("c.txt"))
            .noCreationDate()
            .build()
            .create()
            .torrentFile();
    Files.write(torrentFile, c);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(a, seedDir, SeedOptions.defaults()));
      awaitDone(seeder.seed(b, seedDir, SeedOptions.defaults()));
      awaitDone(seeder.seed(TorrentInfo.parse(c), seedDir, SeedOptions.defaults()));
      AddOptions peer = AddOptions.builder().addPeer(address(seeder)).build();
      String magnet = a.toMagnetUri().toString();
      Torrent byMagnet = leecher.add(magnet, peer);
      Torrent byHash = leecher.add("  " + b.infoHash().toHex().toUpperCase() + "\n", peer);
      Torrent byPath = leecher.add(torrentFile.toString(), peer);
      awaitDone(byMagnet);
      awaitDone(byHash);
      awaitDone(byPath);
      assertThat(byMagnet.infoHash()).isEqualTo(a.infoHash());
      assertThat(byHash.infoHash()).isEqualTo(b.infoHash());
      assertThat(byPath.metadata()).contains(TorrentInfo.parse(c));
      Swarms.assertSameFiles(seedDir.resolve("b.bin"), leechDir.resolve("b.bin"));
      Swarms.assertSameFiles(seedDir.resolve("c.txt"), leechDir.resolve("c.txt"));
    }
  }

  @Test
  void addByTextSaysWhatIsWrong() throws Exception {
    Files.writeString(seedDir.resolve("film.bin"), "not a torrent at all");
    try (WebTorrent leecher = client(leechDir)) {
      AddOptions o = AddOptions.defaults();
      assertThatThrownBy(() -> leecher.add(seedDir.resolve("nosuch.torrent").toString(), o))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining("nosuch.torrent")
          .hasMessageContaining("no such .torrent file");
      assertThatThrownBy(() -> leecher.add(seedDir.resolve("film.bin").toString(), o))
          .isInstanceOf(InvalidTorrentException.class);
      assertThatThrownBy(() -> leecher.add("magnet:?dn=no-hash", o))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(leecher.torrents()).isEmpty();
    }
  }
}
