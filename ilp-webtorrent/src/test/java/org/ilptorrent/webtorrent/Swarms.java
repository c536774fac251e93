package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.parse.TorrentInfo;

/** Content on disk, torrents of it, and clients on 127.0.0.1 for the swarm tests. */
final class Swarms {
  private Swarms() {}

  /** Writes {@code size} random bytes to {@code folder/name} and returns its torrent. */
  static TorrentInfo singleFile(Path folder, String name, long size, int pieceLength, long seed)
      throws Exception {
    Path file = folder.resolve(name);
    writeRandom(file, size, seed);
    return create(file, pieceLength);
  }

  /** Writes files of these sizes under {@code folder/name} (some in a subfolder). */
  static TorrentInfo multiFile(Path folder, String name, int pieceLength, long seed, long... sizes)
      throws Exception {
    Path root = folder.resolve(name);
    for (int i = 0; i < sizes.length; i++) {
      Path f = root.resolve(i % 2 == 0 ? "sub/file" + i + ".bin" : "file" + i + ".bin");
      writeRandom(f, sizes[i], seed + i);
    }
    return create(root, pieceLength);
  }

  static TorrentInfo create(Path path, int pieceLength) throws Exception {
    byte[] bytes =
        TorrentCreator.builder()
            .addPath(path)
            .pieceLength(pieceLength)
            .noCreationDate()
            .build()
            .create()
            .torrentFile();
    return TorrentInfo.parse(bytes);
  }

  static void writeRandom(Path file, long size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    Random random = new Random(seed);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        random.nextBytes(chunk);
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        left -= n;
      }
    }
  }

  static WebTorrent client(Path folder) throws java.io.IOException {
    return WebTorrent.builder().downloadFolder(folder).start();
  }

  static InetSocketAddress address(WebTorrent client) {
    return new InetSocketAddress("127.0.0.1", client.port());
  }

  static void awaitDone(Torrent t) throws Exception {
    t.whenDone().get(120, TimeUnit.SECONDS);
  }

  /** Every file under {@code expected} exists under {@code actual} with the same bytes. */
  static void assertSameFiles(Path expected, Path actual) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(expected)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      Path other = actual.resolve(expected.relativize(f).toString());
      assertThat(other).exists();
      assertThat(Files.mismatch(f, other)).as("first differing byte of %s", other).isEqualTo(-1L);
    }
  }
}
