package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
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
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.parse.Torrent;
import org.ilptorrent.webtorrent.Progress;
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
    description = {
      "Seed until stopped (Ctrl-C, SIGTERM). 'seed <path>...' makes a free torrent of the files",
      "or folders (as 'create' does) and seeds them from where they are; 'seed <torrent-file>",
      "--out DIR' verifies the data already in DIR and seeds it (it fails when data is missing).",
      "Prints the magnet link on its own line on stdout (with x.pe=<host>:<port>, so a client",
      "can find this seeder without a tracker), then a status line on stderr."
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
      description = "Tracker to put in a torrent made here; repeatable.")
  List<String> announce = new ArrayList<>();

  @Option(
      names = "--save-torrent",
      paramLabel = "FILE",
      description = "Also write the torrent made here to FILE.")
  Path saveTorrent;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "0",
      description = "Port to accept peers on (any free one).")
  int port;

  @Mixin Services.HostOption host;

  private Path staged;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Torrent torrent;
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
      torrent = Torrent.parse(paths.get(0));
      dataFolder = out;
    } else {
      for (Path p : paths) {
        if (!Files.exists(p)) {
          throw new java.nio.file.NoSuchFileException(p.toString());
        }
      }
      CreatedTorrent created =
          TorrentCreator.builder().addPaths(paths).announce(announce).build().create();
      torrent = Torrent.parse(created.torrentFile());
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
    WebTorrent client =
        WebTorrent.builder().host(host.host).port(port).downloadFolder(dataFolder).build();
    try {
      org.ilptorrent.webtorrent.Torrent seeding =
          client.seed(torrent, dataFolder, SeedOptions.defaults());
      awaitVerified(seeding, torrent.length());
      MagnetUri magnet =
          torrent.toMagnetUri().toBuilder()
              .addPeerAddress(hostForMagnet(host.host) + ":" + client.port())
              .build();
      PrintWriter o = spec.commandLine().getOut();
      o.println(magnet);
      o.flush();
      StatusLine status = StatusLine.forConsole(err);
      Thread reporter =
          new Thread(
              () -> {
                try {
                  while (!Thread.currentThread().isInterrupted()) {
                    Progress p = seeding.progress();
                    status.show(
                        StatusLine.seeding(
                            p.uploaded(), (long) p.uploadBytesPerSecond(), p.peers()));
                    Thread.sleep(1000);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "ilp-seed-status");
      reporter.setDaemon(true);
      reporter.start();
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
