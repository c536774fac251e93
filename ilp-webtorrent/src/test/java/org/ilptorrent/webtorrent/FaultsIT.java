package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.assertSameFiles;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeders that go away, peers that lie, and downloads that stop and resume. */
class FaultsIT {
  @TempDir Path seedDir;
  @TempDir Path seedDir2;
  @TempDir Path leechDir;

  @Test
  void oneLeecherDownloadsFromTwoSeeders() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "data.bin", 16 * 1024 * 1024, 64 * 1024, 3);
    Swarms.singleFile(seedDir2, "data.bin", 16 * 1024 * 1024, 64 * 1024, 3);
    try (WebTorrent a = client(seedDir);
        WebTorrent b = client(seedDir2);
        WebTorrent leecher = client(leechDir)) {
      Torrent sa = a.seed(meta, seedDir, SeedOptions.defaults());
      Torrent sb = b.seed(meta, seedDir2, SeedOptions.defaults());
      awaitDone(sa);
      awaitDone(sb);
      Torrent t =
          leecher.add(meta, AddOptions.builder().addPeer(address(a)).addPeer(address(b)).build());
      awaitDone(t);
      assertSameFiles(seedDir, leechDir);
      assertThat(sa.progress().uploaded() + sb.progress().uploaded())
          .isGreaterThanOrEqualTo(meta.length());
    }
  }

  @Test
  void aSeederClosedMidDownloadLeavesTheOtherToFinish() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "data.bin", 48 * 1024 * 1024, 128 * 1024, 4);
    Swarms.singleFile(seedDir2, "data.bin", 48 * 1024 * 1024, 128 * 1024, 4);
    WebTorrent a = client(seedDir);
    try (WebTorrent b = client(seedDir2);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(a.seed(meta, seedDir, SeedOptions.defaults()));
      awaitDone(b.seed(meta, seedDir2, SeedOptions.defaults()));
      AtomicInteger verified = new AtomicInteger();
      CompletableFuture<Void> closedA = new CompletableFuture<>();
      Torrent t =
          leecher.add(meta, AddOptions.builder().addPeer(address(a)).addPeer(address(b)).build());
      t.addListener(
          new TorrentListener() {
            @Override
            public void onPieceVerified(int piece) {
              if (verified.incrementAndGet() == 8) {
                CompletableFuture.runAsync(a::close).whenComplete((v, e) -> closedA.complete(null));
              }
            }
          });
      awaitDone(t);
      closedA.get(30, TimeUnit.SECONDS);
      assertSameFiles(seedDir, leechDir);
    } finally {
      a.close();
    }
  }

  @Test
  void aPeerSendingCorruptBlocksIsBannedAndTheDownloadIsStillCorrect() throws Exception {
    TorrentInfo meta = Swarms.singleFile(seedDir, "data.bin", 2 * 1024 * 1024, 32 * 1024, 5);
    try (FakePeer liar = new FakePeer(meta.infoHash());
        WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      CompletableFuture<String> banned = new CompletableFuture<>();
      AtomicInteger failed = new AtomicInteger();
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(liar.address()).build());
      t.addListener(
          new TorrentListener() {
            @Override
            public void onWarning(String message) {
              if (message.startsWith("banned")) {
                banned.complete(message);
              } else if (message.contains("failed its hash")) {
                failed.incrementAndGet();
              }
            }
          });
      assertThat(banned.get(60, TimeUnit.SECONDS))
          .contains(String.valueOf(liar.address().getPort()));
      assertThat(failed.get()).isGreaterThanOrEqualTo(3);
      // the liar speaks plaintext only: the MSE dial failed and the plaintext retry got through
      int beforeTheBan = liar.connections.get();
      t.addPeer(liar.address());
      t.addPeer(address(seeder));
      awaitDone(t);
      assertSameFiles(seedDir, leechDir);
      assertThat(liar.connections.get()).isEqualTo(beforeTheBan);
    }
  }

  @Test
  void aRestartedDownloadDoesNotFetchVerifiedPiecesAgain() throws Exception {
    int pieceLength = 64 * 1024;
    long length = 4 * 1024 * 1024;
    TorrentInfo meta = Swarms.singleFile(seedDir, "data.bin", length, pieceLength, 6);
    Swarms.singleFile(seedDir2, "data.bin", length, pieceLength, 6);
    // the first seeder has only the first half
    try (RandomAccessFile f = new RandomAccessFile(seedDir.resolve("data.bin").toFile(), "rw")) {
      f.setLength(length / 2);
    }
    try (WebTorrent half = client(seedDir);
        WebTorrent leecher = client(leechDir)) {
      Torrent h = half.seed(meta, seedDir, SeedOptions.defaults());
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(half)).build());
      Await.until(
          "the leecher to verify the half the seeder has",
          Duration.ofSeconds(60),
          () -> t.progress().verifiedBytes() >= length / 2);
      assertThat(t.progress().verifiedBytes()).isEqualTo(length / 2);
      assertThat(h.progress().isDone()).isFalse();
    }
    try (WebTorrent full = client(seedDir2);
        WebTorrent leecher = client(leechDir)) {
      Torrent f = full.seed(meta, seedDir2, SeedOptions.defaults());
      awaitDone(f);
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(address(full)).build());
      awaitDone(t);
      assertSameFiles(seedDir2, leechDir);
      assertThat(f.progress().uploaded()).isEqualTo(length - length / 2);
    }
  }
}
