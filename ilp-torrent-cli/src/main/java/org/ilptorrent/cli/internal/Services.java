package org.ilptorrent.cli.internal;

import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the long-running commands (verifier, wallet, tracker) share. */
final class Services {
  private Services() {}

  /** The {@code --host} option; loopback by default so nothing is exposed by accident. */
  static final class HostOption {
    @Option(
        names = "--host",
        paramLabel = "ADDR",
        defaultValue = "127.0.0.1",
        description = "Address to bind (127.0.0.1).")
    String host;
  }

  /** {@code --host} and {@code --port} of a command whose client accepts peers. */
  static final class PeerListenOptions {
    @Mixin HostOption bind;

    @Option(
        names = "--port",
        paramLabel = "P",
        defaultValue = "0",
        description = "Port to accept peers on (any free one).")
    int port;

    String host() {
      return bind.host;
    }
  }

  /**
   * Blocks until the process is asked to stop (Ctrl-C, SIGTERM), then closes {@code service}. The
   * command is the application here, so it owns the shutdown hook.
   */
  static void runUntilStopped(AutoCloseable service, String name) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    // exiting anyway
                  }
                  stopped.countDown();
                },
                name + "-shutdown"));
    stopped.await();
  }
}
