package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steering a transfer from the application: pause, rate limits, file selection, removal. */
class TransferControlIT {
  @TempDir Path seedDir;
  @TempDir Path leechDir;

  @Test
  void aPausedTorrentDropsItsPeersAndRefusesNewOnesUntilResumed() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "a.bin", 2_000_000, 32 * 1024, 1);
    // a slow seeder, so the download is still going when it is paused
    try (WebTorrent seeder =
            WebTorrent.builder().downloadFolder(seedDir).uploadLimit(256 * 1024).start();
        WebTorrent leecher = client(leechDir)) {
      Torrent seeding = seeder.seed(meta, seedDir, SeedOptions.defaults());
      awaitDone(seeding);
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
      Await.until("a first piece", Duration.ofSeconds(30), () -> t.progress().verifiedBytes() > 0);
      t.pause();
      assertThat(t.isPaused()).isTrue();
      Await.until("the peer to go", Duration.ofSeconds(10), () -> t.progress().peers() == 0);
      assertThat(t.progress().isDone()).isFalse();
      // the seeder dials the paused leecher: refused before the handshake
      List<String> warnings = new CopyOnWriteArrayList<>();
      seeding.addListener(
          new TorrentListener() {
            @Override
            public void onWarning(String message) {
              warnings.add(message);
            }
          });
      seeding.addPeer(address(leecher));
      Await.until(
          "the seeder's dial to be refused",
          Duration.ofSeconds(10),
          () -> warnings.stream().anyMatch(w -> w.startsWith("cannot connect to")));
      assertThat(t.progress().peers()).isZero();
      seeder.throttleUpload(-1);
      assertThat(seeder.uploadLimit()).isEqualTo(-1);
      t.resume();
      assertThat(t.isPaused()).isFalse();
      awaitDone(t);
      Swarms.assertSameFiles(seedDir.resolve("a.bin"), leechDir.resolve("a.bin"));
    }
  }

  @Test
  void aDownloadLimitOfZeroHoldsEveryRequestUntilLifted() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "a.bin", 1_000_000, 32 * 1024, 2);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher =
            WebTorrent.builder().downloadFolder(leechDir).downloadLimit(0).start()) {
      assertThat(leecher.downloadLimit()).isZero();
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
      t.whenReady().get(30, TimeUnit.SECONDS);
      Await.until("the peer", Duration.ofSeconds(10), () -> t.progress().peers() == 1);
      // connected, interested, ready: and still no request went out
      assertThat(t.progress().downloaded()).isZero();
      assertThat(seeder.progress().uploaded()).isZero();
      leecher.throttleDownload(512 * 1024); // changed at runtime: the download starts
      awaitDone(t);
      assertThat(leecher.downloadLimit()).isEqualTo(512 * 1024);
      Swarms.assertSameFiles(seedDir.resolve("a.bin"), leechDir.resolve("a.bin"));
    }
  }

  @Test
  void ratesAndEtaShowAsSoonAsBytesArrive() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "big.bin", 32L << 20, 256 * 1024, 3);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      List<Progress> during = new CopyOnWriteArrayList<>();
      Torrent[] handle = new Torrent[1];
      TorrentListener sampler =
          new TorrentListener() {
            @Override
            public void onPieceVerified(int piece) {
              Progress p = handle[0].progress();
              if (!p.isDone()) {
                during.add(p);
              }
            }
          };
      Torrent t = leecher.add(meta, AddOptions.builder().listener(sampler).build());
      handle[0] = t;
      t.addPeer(address(seeder));
      awaitDone(t);
      // the whole 32 MiB may take well under the one-second tick: every snapshot taken while it
      // ran, the first included, shows a rate and an ETA
      assertThat(during).isNotEmpty();
      for (Progress p : during) {
        assertThat(p.downloadBytesPerSecond()).as("rate at %s", p).isPositive();
        assertThat(p.eta()).as("eta at %s", p).isPresent();
      }
      assertThat(seeder.progress().uploadBytesPerSecond()).isPositive();
    }
  }

  @Test
  void aDeselectedFileIsNotFetchedButThePiecesItSharesAre() throws Exception {
    int piece = 32 * 1024;
    // in torrent order: file1.bin (100,000), sub/file0.bin (300,000), sub/file2.bin (100,000)
    TorrentInfo meta = Swarms.multiFile(seedDir, "set", piece, 4, 300_000, 100_000, 100_000);
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t = leecher.add(meta, AddOptions.defaults());
      List<TorrentFile> files = t.files();
      TorrentFile middle = files.get(1);
      assertThat(middle.path()).containsExactly("set", "sub", "file0.bin");
      assertThat(middle.offset()).isEqualTo(100_000);
      middle.deselect();
      t.addPeer(address(seeder));
      Await.until(
          "the selected files",
          Duration.ofSeconds(60),
          () -> files.get(0).progress() == 1.0 && files.get(2).progress() == 1.0);
      // pieces 3 and 12 hold the middle file's ends and a selected file's bytes: they came; the
      // nine pieces between are the middle file's alone and were never requested
      long shared = (4L * piece - 100_000) + (400_000 - 12L * piece);
      assertThat(middle.downloaded()).isEqualTo(shared);
      assertThat(t.progress().isDone()).isFalse();
      assertThat(t.whenDone()).isNotDone();
      middle.select();
      awaitDone(t);
      assertThat(middle.progress()).isEqualTo(1.0);
      Swarms.assertSameFiles(seedDir.resolve("set"), leechDir.resolve("set"));
    }
  }

  @Test
  void aStreamStartsAtAnOffsetWhileTheFileDownloads() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "v.bin", 1_500_000, 32 * 1024, 5);
    byte[] content = Files.readAllBytes(seedDir.resolve("v.bin"));
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(seeder)).build());
      TorrentFile f = t.files().get(0);
      long offset = 1_000_003;
      try (InputStream in = f.newInputStream(offset)) {
        assertThat(in.readAllBytes())
            .isEqualTo(Arrays.copyOfRange(content, (int) offset, content.length));
      }
      try (InputStream in = f.newInputStream(f.length())) {
        assertThat(in.read()).isEqualTo(-1);
      }
      assertThatThrownBy(() -> f.newInputStream(f.length() + 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the file");
      assertThatThrownBy(() -> f.newInputStream(-1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void removeWithDeleteFilesDeletesTheFilesAndTheirFolders() throws Exception {
    TorrentInfo set = Swarms.multiFile(seedDir, "set", 32 * 1024, 6, 70_000, 90_000, 50_000);
    TorrentInfo one = Swarms.singleFile(seedDir, "one.bin", 80_000, 32 * 1024, 7);
    Files.writeString(leechDir.resolve("mine.txt"), "not the torrent's");
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(set, seedDir, SeedOptions.defaults()));
      awaitDone(seeder.seed(one, seedDir, SeedOptions.defaults()));
      AddOptions peer = AddOptions.builder().addPeer(address(seeder)).build();
      Torrent a = leecher.add(set, peer);
      Torrent b = leecher.add(one, peer);
      awaitDone(a);
      awaitDone(b);
      assertThat(leechDir.resolve("set/sub/file0.bin")).exists();
      leecher.remove(a, true).get(10, TimeUnit.SECONDS);
      assertThat(leechDir.resolve("set")).doesNotExist();
      leecher.remove(b, false).get(10, TimeUnit.SECONDS);
      assertThat(leechDir.resolve("one.bin")).exists();
      assertThat(leechDir.resolve("mine.txt")).exists();
      assertThat(leecher.torrents()).isEmpty();
    }
  }
}
