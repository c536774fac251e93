package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent demo}: the paid flow end to end on this machine, then exits. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Show the paid flow end to end on this machine.",
    description = {
      "Runs the paid flow in this process, on free loopback ports: a receipt verifier, a wallet with alice and a funded bob, and a tracker; alice publishes a file of random bytes at 0.50 USD, bob downloads it by magnet and pays.",
      "Prints each step on stdout as it happens and the balances before and after, checks that the file arrived byte for byte (SHA-256) and ends with 'demo ok in <seconds> s', exit 0. A failure is one line on stderr, exit 1. Ctrl-C stops and closes everything."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "64MiB",
      converter = ByteSizes.class,
      description = "Size of the generated file, such as 4MiB or 1GiB. Default: 64MiB.")
  long size;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description =
          "Keep alice's data folder and bob's download folder in DIR/data and DIR/download."
              + " Default: temporary folders, deleted at the end.")
  Path keep;

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path folder;
    if (keep != null) {
      for (String sub : new String[] {"data", "download"}) {
        if (Files.exists(keep.resolve(sub))) {
          throw new ParameterException(
              spec.commandLine(),
              "--keep " + keep + ": " + keep.resolve(sub) + " exists; give a new or empty folder");
        }
      }
      folder = Files.createDirectories(keep);
    } else {
      folder = Files.createTempDirectory("ilp-torrent-demo-");
    }
    Demo demo =
        new Demo(
            folder,
            size,
            line -> {
              synchronized (out) {
                out.println(line);
                out.flush();
              }
            });
    AtomicBoolean stopping = new AtomicBoolean();
    // The command is the application here, so it owns the shutdown hook (Ctrl-C, SIGTERM).
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              demo.close();
              cleanUp(folder);
              err.println("ilp-torrent: demo stopped; everything closed");
              err.flush();
            },
            "ilp-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      demo.run();
      demo.close();
      out.println(String.format("demo ok in %.1f s", (System.nanoTime() - started) / 1e9));
      out.flush();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("ilp-torrent: demo interrupted");
      return ErrorHandlers.INTERNAL;
    } catch (Exception e) {
      if (!stopping.get()) {
        err.println("ilp-torrent: demo failed: " + ErrorHandlers.oneLine(describe(e)));
      }
      return ErrorHandlers.INTERNAL;
    } finally {
      demo.close();
      if (!stopping.get()) {
        cleanUp(folder);
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook runs and closes everything
        }
      }
      err.flush();
    }
  }

  /** Deletes the temporary folder; a kept one stays. */
  private void cleanUp(Path folder) {
    if (keep != null) {
      return;
    }
    try (var walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary folder; the system's temp cleaning takes it
    }
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
