package org.ilptorrent.examples;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.AddOptions;
import org.ilptorrent.webtorrent.SeedOptions;
import org.ilptorrent.webtorrent.ServerOptions;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.TorrentServer;
import org.ilptorrent.webtorrent.WebTorrent;

/**
 * Streaming a torrent's file to a player over HTTP while it downloads. One client seeds a 4 MiB
 * file (standing in for the swarm), a second downloads it and serves it with {@link
 * WebTorrent#createServer}; a "player" then asks for a byte range in the middle, which the server
 * answers as soon as those pieces arrive. With {@code --keep} it keeps serving until Enter, so the
 * printed URL can be opened in a browser, VLC or mpv.
 */
public final class StreamToPlayer {
  private StreamToPlayer() {}

  /** Runs the example in a temporary folder; {@code --keep} serves until Enter. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("ilp-stream-example");
    run(dir, System.out, List.of(args).contains("--keep"));
  }

  static void run(Path dir, PrintStream out, boolean keep) throws Exception {
    byte[] content = new byte[4 << 20];
    new Random(1).nextBytes(content);
    Path video = Files.write(dir.resolve("clip.mp4"), content);

    try (WebTorrent seeder = WebTorrent.builder().downloadFolder(dir).start();
        WebTorrent client = WebTorrent.builder().downloadFolder(dir.resolve("got")).start()) {
      Torrent seeding = seeder.seed(video, List.of(), SeedOptions.defaults());
      seeding.whenDone().get();
      TorrentInfo torrent = seeding.metadata().orElseThrow();

      InetSocketAddress peer = new InetSocketAddress("127.0.0.1", seeder.port());
      Torrent t = client.add(torrent, AddOptions.builder().addPeer(peer).build());
      TorrentServer server = client.createServer(ServerOptions.defaults());
      URI url = server.fileUrl(t, t.files().get(0));
      out.println("serving " + url);

      // What a player does when the user seeks: ask for a range in the middle of the file.
      HttpResponse<byte[]> part =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url).header("Range", "bytes=2000000-2000099").build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      out.println(
          part.statusCode()
              + " "
              + part.headers().firstValue("Content-Type").orElse("?")
              + " "
              + part.headers().firstValue("Content-Range").orElse("?")
              + ": "
              + part.body().length
              + " bytes");
      if (keep) {
        out.println("press Enter to stop");
        System.in.read();
      }
      t.whenDone().get();
      out.println("downloaded " + t.progress().verifiedBytes() + " bytes");
    }
  }
}
