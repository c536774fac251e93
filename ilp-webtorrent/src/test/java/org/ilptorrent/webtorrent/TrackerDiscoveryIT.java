package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.server.TrackerServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers find each other through the trackers a torrent names, with no peer given by hand: over HTTP
 * from a .torrent's announce list, and over UDP from a magnet's {@code tr} alone.
 */
class TrackerDiscoveryIT {
  @TempDir Path dir;

  private TorrentInfo torrentOf(Path file, String tracker) throws Exception {
    byte[] bytes =
        TorrentCreator.builder()
            .addPath(file)
            .pieceLength(16 * 1024)
            .announce(List.of(tracker))
            .noCreationDate()
            .build()
            .create()
            .torrentFile();
    return TorrentInfo.parse(bytes);
  }

  @Test
  void aLeecherFindsTheSeederThroughAnHttpTracker() throws Exception {
    try (TrackerServer tracker = TrackerServer.builder().start()) {
      Path content = dir.resolve("seed");
      Path file = content.resolve("data.bin");
      Swarms.writeRandom(file, 3_000_000, 5);
      TorrentInfo torrent = torrentOf(file, tracker.httpAnnounceUri().orElseThrow().toString());
      try (WebTorrent seeder = Swarms.client(dir.resolve("unused"));
          WebTorrent leecher = Swarms.client(dir.resolve("down"))) {
        seeder.seed(torrent, content, SeedOptions.defaults());
        Torrent download = leecher.add(torrent, AddOptions.defaults());
        Swarms.awaitDone(download);
        Swarms.assertSameFiles(content, dir.resolve("down"));
        assertThat(tracker.stats().peers()).as("both announced").isEqualTo(2);
      }
    }
  }

  @Test
  void aMagnetAloneIsEnoughWithAUdpTracker() throws Exception {
    try (TrackerServer tracker = TrackerServer.builder().udpPort(0).start()) {
      Path content = dir.resolve("seed");
      Path file = content.resolve("film.bin");
      Swarms.writeRandom(file, 2_000_000, 6);
      String udp = tracker.udpAnnounceUri().orElseThrow().toString();
      TorrentInfo torrent = torrentOf(file, udp);
      try (WebTorrent seeder = Swarms.client(dir.resolve("unused"));
          WebTorrent leecher = Swarms.client(dir.resolve("down"))) {
        seeder.seed(torrent, content, SeedOptions.defaults());
        MagnetUri magnet =
            MagnetUri.builder()
                .infoHash(torrent.infoHash())
                .name("film.bin")
                .addTracker(udp)
                .build();
        Torrent download = leecher.add(magnet, AddOptions.defaults());
        Swarms.awaitDone(download);
        Swarms.assertSameFiles(content, dir.resolve("down"));
      }
    }
  }
}
