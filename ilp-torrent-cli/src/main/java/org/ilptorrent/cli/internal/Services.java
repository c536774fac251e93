package org.ilptorrent.cli.internal;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.ilptorrent.webtorrent.EncryptionPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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

    @Option(
        names = "--encryption",
        paramLabel = "MODE",
        defaultValue = "prefer",
        converter = EncryptionMode.class,
        description =
            "Message Stream Encryption on TCP: prefer (MSE first, plaintext retry; both"
                + " accepted), allow (plaintext first, MSE retry), require (RC4 only), disable"
                + " (plaintext only). Default: prefer.")
    EncryptionPolicy encryption;

    String host() {
      return bind.host;
    }
  }

  /** {@code prefer|allow|require|disable} to the client's {@link EncryptionPolicy}. */
  static final class EncryptionMode implements ITypeConverter<EncryptionPolicy> {
    @Override
    public EncryptionPolicy convert(String value) {
      for (EncryptionPolicy p : EncryptionPolicy.values()) {
        if (p.name().toLowerCase(Locale.ROOT).equals(value)) {
          return p;
        }
      }
      throw new TypeConversionException(
          "expected prefer, allow, require or disable, got '" + value + "'");
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
