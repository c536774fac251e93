package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.ServerOptions;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.TorrentFile;
import org.ilptorrent.webtorrent.TorrentListener;
import org.ilptorrent.webtorrent.TorrentServer;
import org.ilptorrent.webtorrent.WebTorrent;
import picocli.CommandLine.Option;

/**
 * {@code download --serve [PORT]}: serves the torrent's files over HTTP while they download and
 * after, so a player can stream them ({@link TorrentServer}).
 */
final class ServeOptions {
  @Option(
      names = "--serve",
      arity = "0..1",
      fallbackValue = "0",
      paramLabel = "PORT",
      description =
          "Serve the files over HTTP while they download (players may seek) and after it until"
              + " Ctrl-C; prints 'serving <URL>' and 'file <URL>' per file on stdout. PORT: any"
              + " free one when left out.")
  Integer port;

  @Option(
      names = "--serve-host",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address --serve binds. Default: 127.0.0.1, this machine only.")
  String host;

  /** Whether {@code --serve} was given. */
  boolean requested() {
    return port != null;
  }

  /**
   * Starts the server for {@code client} and prints the torrent's URLs on {@code out}: its page at
   * once, its files as soon as the metadata is known.
   */
  TorrentServer start(WebTorrent client, Torrent torrent, PrintWriter out) throws IOException {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("--serve: port out of range: " + port);
    }
    TorrentServer server =
        client.createServer(ServerOptions.builder().host(host).port(port).build());
    out.println("serving " + server.url(torrent));
    AtomicBoolean printed = new AtomicBoolean();
    Runnable printFiles =
        () -> {
          if (!torrent.files().isEmpty() && printed.compareAndSet(false, true)) {
            for (TorrentFile f : torrent.files()) {
              if (!f.padding()) {
                out.println("file " + server.fileUrl(torrent, f));
              }
            }
          }
        };
    torrent.addListener(
        new TorrentListener() {
          @Override
          public void onMetadata(TorrentInfo metadata) {
            printFiles.run();
          }
        });
    // the metadata may have come before the listener (always, for a .torrent file)
    printFiles.run();
    return server;
  }
}
