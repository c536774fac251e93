package org.ilptorrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaidTorrentFileIT {
  @TempDir Path dir;

  @Test
  void createsAPaidTorrentAndReadsItsCommittedLicenceBack() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "a paid text\n".repeat(1000));
    Path torrent = dir.resolve("notes.torrent");

    ExampleRun run = ExampleRun.of(PaidTorrentFile.class, file.toString(), torrent.toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    TorrentInfo written = TorrentInfo.parse(torrent);
    assertThat(run.lines())
        .contains(
            "name notes.txt",
            "length 12000",
            "info hash " + written.infoHash().toHex(),
            "same info hash true",
            "licence 0.500000000 USD (500000000 at scale 9) to"
                + " http://127.0.0.1:3000/proxy-of-alice via http://127.0.0.1:3000",
            "committed true",
            "private true",
            "magnet " + written.toMagnetUri());
    assertThat(written.toMagnetUri().toString()).contains("&pp=", "&vr=");
  }
}
