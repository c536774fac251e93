package org.ilptorrent.benchmarks;

import java.nio.file.Path;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;

/**
 * Creates a torrent of one file and prints the throughput. Run by bench-create.sh, which makes the
 * file, warms the page cache and compares with openssl and mktorrent.
 *
 * <p>Usage: {@code CreateTorrentBench <file> <pieceLength> <runs>}.
 */
public final class CreateTorrentBench {
  private CreateTorrentBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int pieceLength = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    long size = java.nio.file.Files.size(file);
    double best = 0;
    for (int i = 0; i < runs + 1; i++) {
      long start = System.nanoTime();
      CreatedTorrent t =
          TorrentCreator.builder().addPath(file).pieceLength(pieceLength).build().create();
      double seconds = (System.nanoTime() - start) / 1e9;
      double mbps = size / seconds / 1e6;
      if (i == 0) {
        System.out.printf("warm-up: %.2f s (%s)%n", seconds, t.infoHash());
        continue;
      }
      best = Math.max(best, mbps);
      System.out.printf("run %d: %.3f s, %.0f MB/s%n", i, seconds, mbps);
    }
    System.out.printf("ilp-create-torrent best: %.0f MB/s%n", best);
  }
}
