package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.ilptorrent.fixtures.EventRecorder;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Java to Java over Message Stream Encryption, through a relay that records what went over the
 * wire: each policy pair downloads byte-identical files, encrypted where the policies say, with the
 * retry the policies promise; hostile openings are closed and the seeder keeps serving.
 */
class EncryptionIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "leecher {0}, seeder {1}")
  @CsvSource({
    // leecher, seeder, connections dialled, first opens plaintext, last shows "BitTorrent protocol"
    "REQUIRE, REQUIRE, 1, false, false",
    // both offered: plaintext inside MSE, as libtorrent and WebTorrent select by default
    "PREFER,  PREFER,  1, false, true",
    "PREFER,  REQUIRE, 1, false, false",
    "REQUIRE, PREFER,  1, false, false",
    "PREFER,  DISABLE, 2, false, true",
    "ALLOW,   REQUIRE, 2, true,  false",
    "ALLOW,   ALLOW,   1, true,  true",
    "DISABLE, PREFER,  1, true,  true",
  })
  void policiesAgreeAndTheFileArrivesByteIdentical(
      EncryptionPolicy leecherPolicy,
      EncryptionPolicy seederPolicy,
      int dials,
      boolean firstPlaintext,
      boolean lastShowsProtocol)
      throws Exception {
    Path seedDir = dir.resolve("seed");
    TorrentInfo meta = Swarms.singleFile(seedDir, "film.bin", 3_000_000, 32 * 1024, 5);
    try (WebTorrent seeder = client(seedDir, seederPolicy);
        WebTorrent leecher = client(dir.resolve("down"), leecherPolicy);
        RecordingRelay relay = new RecordingRelay(Swarms.address(seeder))) {
      seeder.seed(meta, seedDir, SeedOptions.defaults());
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(relay.address()).build());
      Swarms.awaitDone(t);
      Swarms.assertSameFiles(seedDir, dir.resolve("down"));
      assertThat(relay.connections()).hasSize(dials);
      assertThat(relay.connections().get(0).openedPlaintext()).isEqualTo(firstPlaintext);
      assertThat(relay.connections().get(dials - 1).showsProtocolString())
          .isEqualTo(lastShowsProtocol);
    }
  }

  @Test
  void requiredEncryptionAndAPlaintextOnlySeederNeverConnect() throws Exception {
    Path seedDir = dir.resolve("seed");
    TorrentInfo meta = Swarms.singleFile(seedDir, "film.bin", 100_000, 16 * 1024, 6);
    EventRecorder<String> warnings = new EventRecorder<>();
    try (WebTorrent seeder = client(seedDir, EncryptionPolicy.DISABLE);
        WebTorrent leecher = client(dir.resolve("down"), EncryptionPolicy.REQUIRE)) {
      seeder.seed(meta, seedDir, SeedOptions.defaults());
      Torrent t = leecher.add(meta, AddOptions.builder().addPeer(Swarms.address(seeder)).build());
      t.addListener(
          new TorrentListener() {
            @Override
            public void onWarning(String message) {
              warnings.add(message);
            }
          });
      warnings.awaitMatch(w -> w.contains("cannot connect"), Duration.ofSeconds(20));
      assertThat(warnings.events())
          .anyMatch(w -> w.contains("cannot connect") && w.contains("closed by peer"));
      assertThat(t.progress().verifiedBytes()).isZero();
    }
  }

  @Test
  void garbageAndTruncatedOpeningsAreClosedAndTheSeederKeepsServing() throws Exception {
    Path seedDir = dir.resolve("seed");
    TorrentInfo meta = Swarms.singleFile(seedDir, "film.bin", 500_000, 16 * 1024, 7);
    try (WebTorrent seeder = client(seedDir, EncryptionPolicy.PREFER)) {
      seeder.seed(meta, seedDir, SeedOptions.defaults());
      // a public key, then 2000 bytes without the req1 hash: closed after at most 512 of padding
      byte[] garbage = new byte[96 + 2000];
      new Random(1).nextBytes(garbage);
      garbage[0] = 1;
      assertThat(closedAfterSending(seeder, garbage)).isTrue();
      // an MSE opening that stops half-way, then the socket ends
      try (Socket s = new Socket("127.0.0.1", seeder.port())) {
        s.getOutputStream().write(garbage, 0, 50);
        s.shutdownOutput();
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      }
      try (WebTorrent leecher = client(dir.resolve("down"), EncryptionPolicy.REQUIRE)) {
        Torrent t = leecher.add(meta, AddOptions.builder().addPeer(Swarms.address(seeder)).build());
        Swarms.awaitDone(t);
      }
      Swarms.assertSameFiles(seedDir, dir.resolve("down"));
    }
  }

  /** Sends {@code bytes} (as far as the peer takes them): whether the peer then closes. */
  private static boolean closedAfterSending(WebTorrent peer, byte[] bytes) throws IOException {
    try (Socket s = new Socket("127.0.0.1", peer.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      try {
        out.write(bytes);
        out.flush();
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
          // step 2 (its public key and padding), then the end of the stream
        }
      } catch (java.net.SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        // reset by the peer: it closed
      }
      return true;
    }
  }

  private static WebTorrent client(Path folder, EncryptionPolicy policy) throws IOException {
    return WebTorrent.builder().downloadFolder(folder).encryption(policy).start();
  }
}
