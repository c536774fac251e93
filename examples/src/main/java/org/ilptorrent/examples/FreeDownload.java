package org.ilptorrent.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.webtorrent.AddOptions;
import org.ilptorrent.webtorrent.SeedOptions;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.WebTorrent;

/**
 * Embedding the client: {@link #download} is the whole of it, about ten lines. Give it a magnet
 * link, an info hash, a .torrent path or URL, and a folder; without arguments, {@code main} first
 * starts a seeder of a 4 MiB file on 127.0.0.1 in this JVM and downloads its magnet.
 *
 * <p>Arguments: {@code [torrent-id out-folder]}.
 */
public final class FreeDownload {
  private FreeDownload() {}

  /** Downloads {@code torrentId} into {@code folder}, printing progress; returns when verified. */
  static void download(String torrentId, Path folder) throws Exception {
    try (WebTorrent client = WebTorrent.builder().downloadFolder(folder).start()) {
      Torrent torrent = client.add(torrentId, AddOptions.defaults());
      torrent.whenMetadata().thenAccept(m -> System.out.println("metadata " + m.name()));
      while (!torrent.whenDone().isDone()) {
        System.out.printf(
            "%.0f%% %s peers%n", torrent.progress().fraction() * 100, torrent.progress().peers());
        Thread.sleep(500);
      }
      torrent.whenDone().get();
      System.out.println("done " + folder.resolve(torrent.name()));
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2) {
      download(args[0], Path.of(args[1]));
      return;
    }
    Path dir = Files.createTempDirectory("ilp-example-");
    Path file = dir.resolve("seed/song.bin");
    Files.createDirectories(file.getParent());
    byte[] data = new byte[4 << 20];
    new java.util.Random(7).nextBytes(data);
    Files.write(file, data);
    try (WebTorrent seeder = WebTorrent.builder().downloadFolder(file.getParent()).start()) {
      Torrent seeding = seeder.seed(file, List.of(), SeedOptions.defaults());
      seeding.whenDone().get(); // the seeder checked its data
      String magnet =
          seeding.metadata().orElseThrow().toMagnetUri().toBuilder()
              .addPeerAddress("127.0.0.1:" + seeder.port()) // x.pe: where the seeder listens
              .build()
              .toString();
      System.out.println("seeding " + magnet);
      Path out = dir.resolve("download");
      download(magnet, out);
      System.out.println("same bytes " + (Files.mismatch(file, out.resolve("song.bin")) == -1L));
    }
  }
}
