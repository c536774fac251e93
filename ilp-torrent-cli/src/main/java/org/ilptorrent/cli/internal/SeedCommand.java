package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PaidSeedOptions;
import org.ilptorrent.webtorrent.Progress;
import org.ilptorrent.webtorrent.PublishException;
import org.ilptorrent.webtorrent.SeedOptions;
import org.ilptorrent.webtorrent.TorrentListener;
import org.ilptorrent.webtorrent.WebTorrent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ilp-torrent seed}: seeds files (making their torrent) or a .torrent's data until stopped.
 */
@Command(
    name = "seed",
    mixinStandardHelpOptions = true,
    header = "Seed files, folders or a .torrent's data until stopped.",
    description = {
      "'seed <path>...' makes a free torrent of the files or folders (as 'create' does) and seeds them from where they are. 'seed <torrent-file> --out DIR' checks the data already in DIR against the .torrent and seeds it; it fails when data is missing.",
      "Prints the magnet link on its own line on stdout (with x.pe=<host>:<port>, so a client can find this seeder without a tracker), then a status line and each tracker failure or warning, once, on stderr. Runs until stopped (Ctrl-C, SIGTERM).",
      "With --price it publishes a paid torrent of one path: the wallet (--pointer) is registered at --verifier, the price is restated at the wallet's asset scale (or refused), the torrent is registered at every --announce tracker (HTTP(S) or ws(s)), and peers are served only with a tracker's access ticket. It prints the magnet (with pp and vr, without x.pe) and 'info hash: <hex>'. Seeder tokens stay in --state, readable by the owner only."
    })
public final class SeedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "<path>",
      arity = "1..*",
      description = "Files or folders to seed, or one .torrent file with --out.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "With a .torrent file: the folder holding its data.")
  Path out;

  @Option(
      names = "--announce",
      paramLabel = "URL",
      description =
          "Tracker to put in a torrent made here (http, https, ws, wss or udp URL); repeatable.")
  List<String> announce = new ArrayList<>();

  @Option(
      names = "--save-torrent",
      paramLabel = "FILE",
      description = "Also write the torrent made here to FILE.")
  Path saveTorrent;

  @Mixin Services.PeerListenOptions listen;

  @Mixin WebRtcOption webrtc;

  @Option(
      names = "--peer",
      paramLabel = "HOST:PORT",
      description = {
        "A peer to dial once seeding (free torrents), for peers that only accept connections,",
        "such as transmission on loopback; repeatable."
      })
  List<String> peers = new ArrayList<>();

  @Mixin RateLimits limits;

  @Option(
      names = "--price",
      paramLabel = "AMOUNT",
      description = "Publish a paid torrent at this price in whole units, such as 0.50.")
  BigDecimal price;

  @Option(
      names = "--asset",
      paramLabel = "CODE",
      description =
          "The price's asset code; another than the wallet's is refused. Default: the wallet's.")
  String asset;

  @Option(
      names = "--pointer",
      paramLabel = "POINTER",
      description = "With --price: the wallet pointer the money goes to.")
  String pointer;

  @Option(
      names = "--verifier",
      paramLabel = "URL",
      description = "With --price: the receipt verifier's base URL.")
  URI verifier;

  @Option(
      names = "--verifier-token",
      paramLabel = "T",
      description = "The verifier operator's registration token, where registration is closed.")
  String verifierToken;

  @Option(
      names = "--tracker-token",
      paramLabel = "T",
      description = "The tracker operator's registration token, where registration is closed.")
  String trackerToken;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description =
          "With --price: where the seed's tokens are kept, readable by the owner only. Default:"
              + " .ilp-torrent/<name> next to the data.")
  Path state;

  private Path staged;

  @Override
  public Integer call() throws IOException, InterruptedException {
    announce.forEach(a -> Urls.check(spec, "--announce", a, Urls.TRACKER_SCHEMES));
    if (price != null) {
      if (!peers.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--peer is for free torrents: a paid torrent's peers come from its trackers");
      }
      return seedPaid();
    }
    List<InetSocketAddress> dial = peers.stream().map(PeerAddresses::parse).toList();
    if (asset != null
        || pointer != null
        || verifier != null
        || verifierToken != null
        || trackerToken != null
        || state != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--asset, --pointer, --verifier, --verifier-token, --tracker-token and --state"
              + " publish a paid torrent: give --price too");
    }
    TorrentInfo torrent;
    Path dataFolder;
    if (out != null) {
      if (paths.size() != 1) {
        throw new ParameterException(
            spec.commandLine(), "with --out, give exactly one .torrent file");
      }
      if (!announce.isEmpty() || saveTorrent != null) {
        throw new ParameterException(
            spec.commandLine(), "--announce and --save-torrent make a torrent; not with --out");
      }
      torrent = TorrentSource.parseFile(paths.get(0));
      dataFolder = out;
    } else {
      for (Path p : paths) {
        if (!Files.exists(p)) {
          throw new java.nio.file.NoSuchFileException(p.toString());
        }
      }
      refuseTorrentFileAsData();
      CreatedTorrent created =
          TorrentCreator.builder().addPaths(paths).announce(announce).build().create();
      torrent = TorrentInfo.parse(created.torrentFile());
      try {
        dataFolder = dataFolderOf(paths, torrent.name());
      } catch (IOException | RuntimeException e) {
        removeStaged();
        throw e;
      }
      if (saveTorrent != null) {
        Files.write(saveTorrent, created.torrentFile());
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    WebTorrent.Builder builder =
        limits.applyTo(
            webrtc.apply(
                WebTorrent.builder()
                    .host(listen.host())
                    .port(listen.port)
                    .encryption(listen.encryption)
                    .downloadFolder(dataFolder),
                torrent.announce(),
                err));
    WebTorrent client = Services.listening(listen.host(), "" + listen.port, builder::start);
    try {
      org.ilptorrent.webtorrent.Torrent seeding =
          client.seed(torrent, dataFolder, SeedOptions.defaults());
      StatusLine status = StatusLine.forConsole(err);
      seeding.addListener(new TorrentWarnings(status));
      awaitVerified(seeding, torrent.length());
      dial.forEach(seeding::addPeer);
      MagnetUri magnet =
          torrent.toMagnetUri().toBuilder()
              .addPeerAddress(hostForMagnet(listen.host()) + ":" + client.port())
              .build();
      PrintWriter o = spec.commandLine().getOut();
      o.println(magnet);
      o.flush();
      Thread reporter = statusReporter(seeding, status);
      Services.runUntilStopped(
          () -> {
            reporter.interrupt();
            client.close();
            removeStaged();
          },
          "ilp-seed");
      return 0;
    } catch (IOException | RuntimeException | InterruptedException e) {
      client.close();
      removeStaged();
      throw e;
    }
  }

  /** {@code seed <path> --price ...}: publish, register and seed a paid torrent. */
  private int seedPaid() throws IOException, InterruptedException {
    if (paths.size() != 1 || out != null || saveTorrent != null) {
      throw new ParameterException(
          spec.commandLine(), "with --price, give exactly one file or folder (no --out)");
    }
    if (pointer == null || verifier == null || announce.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "with --price, give --pointer, --verifier and --announce");
    }
    PaymentPointer wallet;
    try {
      wallet = PaymentPointer.parse(pointer);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--pointer: " + e.getMessage());
    }
    Path path = paths.get(0);
    if (!Files.exists(path)) {
      throw new java.nio.file.NoSuchFileException(path.toString());
    }
    PaidSeedOptions.Builder o =
        PaidSeedOptions.builder().wallet(wallet).price(price).verifier(verifier);
    announce.forEach(o::addTracker);
    if (asset != null) {
      o.assetCode(asset);
    }
    if (verifierToken != null) {
      o.verifierToken(verifierToken);
    }
    if (trackerToken != null) {
      o.trackerToken(trackerToken);
    }
    if (state != null) {
      o.stateFolder(state);
    }
    PaidSeedOptions options;
    try {
      options = o.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    WebTorrent.Builder builder =
        limits.applyTo(
            webrtc.apply(
                WebTorrent.builder()
                    .host(listen.host())
                    .port(listen.port)
                    .encryption(listen.encryption),
                announce,
                err));
    WebTorrent client = Services.listening(listen.host(), "" + listen.port, builder::start);
    try {
      org.ilptorrent.webtorrent.Torrent seeding;
      try {
        seeding = client.seedPaid(path, options);
      } catch (PublishException e) {
        err.println("ilp-torrent: cannot publish: " + ErrorHandlers.oneLine(e.getMessage()));
        err.flush();
        client.close();
        return 1;
      }
      StatusLine status = StatusLine.forConsole(err);
      seeding.addListener(new TorrentWarnings(status));
      TorrentInfo torrent = seeding.metadata().orElseThrow();
      awaitVerified(seeding, torrent.length());
      PrintWriter o2 = spec.commandLine().getOut();
      o2.println(torrent.toMagnetUri());
      o2.println("info hash: " + torrent.infoHash().toHex());
      o2.flush();
      License l = torrent.license().orElseThrow();
      err.println(
          "price: "
              + l.price().toPlainString()
              + " "
              + l.assetCode()
              + " ("
              + l.amount()
              + " at scale "
              + l.assetScale()
              + ") to "
              + l.paymentPointer());
      err.flush();
      Thread reporter = statusReporter(seeding, status);
      Services.runUntilStopped(
          () -> {
            reporter.interrupt();
            client.close();
          },
          "ilp-seed");
      return 0;
    } catch (IOException | RuntimeException | InterruptedException e) {
      client.close();
      throw e;
    }
  }

  private static Thread statusReporter(
      org.ilptorrent.webtorrent.Torrent seeding, StatusLine status) {
    Thread reporter =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  Progress p = seeding.progress();
                  status.show(
                      StatusLine.seeding(p.uploaded(), (long) p.uploadBytesPerSecond(), p.peers()));
                  Thread.sleep(1000);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ilp-seed-status");
    reporter.setDaemon(true);
    reporter.start();
    return reporter;
  }

  /**
   * {@code seed film.torrent} without {@code --out} would make a new torrent whose content is the
   * .torrent file itself: never what is meant, so it is refused with the way to seed its data.
   */
  private void refuseTorrentFileAsData() {
    for (Path p : paths) {
      if (TorrentSource.isTorrent(p)) {
        throw new ParameterException(
            spec.commandLine(),
            p
                + " is a .torrent file: to seed its data, give the folder that holds the data with"
                + " --out DIR (seed "
                + p
                + " --out DIR)");
      }
    }
  }

  /**
   * Waits for the seed's data check and fails unless every piece checked good: the client would
   * otherwise start downloading what is missing, which is not what "seed this data" asks for.
   */
  private static void awaitVerified(org.ilptorrent.webtorrent.Torrent seeding, long length)
      throws IOException, InterruptedException {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    seeding.addListener(
        new TorrentListener() {
          @Override
          public void onReady() {
            ready.complete(null);
          }

          @Override
          public void onError(Throwable error) {
            ready.completeExceptionally(error);
          }
        });
    // The check may end before the listener is added; the deadline (generous for the size) makes
    // that rare case slow, never wrong: what is verified by then decides.
    long deadline = System.nanoTime() + Duration.ofSeconds(10 + length / 50_000_000L).toNanos();
    CompletableFuture<Object> checked = CompletableFuture.anyOf(ready, seeding.whenDone());
    try {
      checked.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IOException(
          "cannot seed: " + ErrorHandlers.oneLine(e.getCause().getMessage()), e.getCause());
    } catch (TimeoutException e) {
      // judged below
    }
    Progress p = seeding.progress();
    if (!p.isDone()) {
      throw new IOException(
          "cannot seed: "
              + ProgressLine.bytes(p.verifiedBytes())
              + " of "
              + ProgressLine.bytes(p.length())
              + " of the data is there and checks good");
    }
  }

  /**
   * Where the torrent's files already are, laid out as {@code folder/<name>/...}: one path's
   * parent. Several paths are each the first component under the torrent's name, which is not how
   * they sit on disk, so they are mirrored into a fresh folder under that name: folders made, files
   * hard-linked (the store does not follow symbolic links, by design). The folder is remembered so
   * that it can be removed at the end.
   */
  Path dataFolderOf(List<Path> paths, String name) throws IOException {
    if (paths.size() == 1) {
      Path parent = paths.get(0).toAbsolutePath().normalize().getParent();
      return parent == null ? Path.of("/") : parent;
    }
    Path first = paths.get(0).toAbsolutePath().normalize().getParent();
    Path folder;
    try {
      // Next to the data, so the hard links stay on one file system.
      folder = Files.createTempDirectory(first, ".ilp-seed-");
    } catch (IOException e) {
      folder = Files.createTempDirectory("ilp-seed-");
    }
    staged = folder;
    Path root = Files.createDirectory(folder.resolve(name));
    for (Path p : paths) {
      Path source = p.toAbsolutePath().normalize();
      Path target = root.resolve(source.getFileName().toString());
      try (var walk = Files.walk(source)) {
        for (Path f : (Iterable<Path>) walk::iterator) {
          Path t = target.resolve(source.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(t);
          } else if (Files.isRegularFile(f)) {
            try {
              Files.createLink(t, f);
            } catch (IOException | UnsupportedOperationException e) {
              throw new IOException(
                  "cannot seed several paths from another file system than "
                      + folder
                      + "; seed the folder that holds them instead");
            }
          }
        }
      }
    }
    return folder;
  }

  /** Removes the mirror folder (links only; the data they point at stays). */
  private void removeStaged() {
    if (staged == null) {
      return;
    }
    try (var walk = Files.walk(staged)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // a leftover folder of links; nothing to do about it while exiting
    }
  }

  /** The address a peer would dial: an unspecified bind address means this host's loopback. */
  static String hostForMagnet(String bind) {
    if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
      return "127.0.0.1";
    }
    return bind.indexOf(':') >= 0 && !bind.startsWith("[") ? "[" + bind + "]" : bind;
  }
}
