package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ilptorrent.parse.Torrent;
import org.ilptorrent.parse.TorrentIdentity;
import org.ilptorrent.webtorrent.AddOptions;
import org.ilptorrent.webtorrent.Progress;
import org.ilptorrent.webtorrent.WebTorrent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent download}: fetches a torrent's files, then exits. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Download a torrent (a .torrent file, a magnet link or an info hash) into --out, with a",
      "progress line on stderr (percent, speed, peers, ETA). Exits 0 once every piece is",
      "verified, printing 'done <folder or file>' on stdout. Peers come from --peer, the",
      "torrent's trackers (or a magnet's tr) and a magnet's x.pe; a magnet or info hash needs one",
      "that has the metadata."
    })
public final class DownloadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<torrent>", description = "A .torrent file, magnet link or info hash.")
  String source;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Download folder (the current one).")
  Path out;

  @Option(names = "--peer", paramLabel = "HOST:PORT", description = "A peer to dial; repeatable.")
  List<String> peers = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "0",
      description = "Port to accept peers on (any free one).")
  int port;

  @Mixin Services.HostOption host;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<InetSocketAddress> dial = peers.stream().map(PeerAddresses::parse).toList();
    Object what = resolve(source);
    Files.createDirectories(out);
    PrintWriter err = spec.commandLine().getErr();
    StatusLine status = StatusLine.forConsole(err);
    try (WebTorrent client =
        WebTorrent.builder().host(host.host).port(port).downloadFolder(out).build()) {
      org.ilptorrent.webtorrent.Torrent torrent =
          what instanceof Torrent t
              ? client.add(t, AddOptions.defaults())
              : client.add(((TorrentIdentity) what).magnet(), AddOptions.defaults());
      dial.forEach(torrent::addPeer);
      long started = System.nanoTime();
      while (true) {
        try {
          torrent.whenDone().get(1, TimeUnit.SECONDS);
          break;
        } catch (TimeoutException e) {
          Progress p = torrent.progress();
          status.show(
              StatusLine.downloading(
                  p.verifiedBytes(),
                  p.length(),
                  (long) p.downloadBytesPerSecond(),
                  p.peers(),
                  p.eta().orElse(null)));
        } catch (ExecutionException e) {
          status.finish("download failed");
          throw new IOException(
              "download failed: " + ErrorHandlers.oneLine(e.getCause().getMessage()), e.getCause());
        }
      }
      Progress p = torrent.progress();
      double seconds = (System.nanoTime() - started) / 1e9;
      // What came from peers, apart from what was already on disk and checked good (a resume).
      status.finish(
          String.format(
              "complete: %s verified; fetched %d bytes in %.1f s (%s/s)",
              ProgressLine.bytes(p.length()),
              p.downloaded(),
              seconds,
              ProgressLine.bytes((long) (p.downloaded() / Math.max(seconds, 1e-3)))));
      spec.commandLine().getOut().println("done " + out.resolve(torrent.name()));
      return 0;
    }
  }

  /** A parsed .torrent when {@code text} names a file, else the identity of a magnet/info hash. */
  static Object resolve(String text) throws IOException {
    if (!text.regionMatches(true, 0, "magnet:", 0, 7) && text.indexOf('\0') < 0) {
      Path file = Path.of(text);
      if (Files.isRegularFile(file)) {
        return Torrent.parse(file);
      }
    }
    return TorrentIdentity.tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not a .torrent file, magnet link or info hash: '"
                        + ErrorHandlers.oneLine(text)
                        + "'"));
  }
}
