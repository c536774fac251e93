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
        description = "Address to bind. Default: 127.0.0.1, this machine only.")
    String host;
  }

  /** {@code --io-transport} of a command that runs a server. */
  static final class IoTransportOption {
    @Option(
        names = "--io-transport",
        paramLabel = "NAME",
        defaultValue = "auto",
        description =
            "Network I/O: auto (epoll, else NIO), io_uring (else epoll, else NIO), epoll or"
                + " nio. Default: auto.")
    String name;
  }

  /** {@code --host} and {@code --port} of a command whose client accepts peers. */
  static final class PeerListenOptions {
    @Mixin HostOption bind;

    @Option(
        names = "--port",
        paramLabel = "P",
        defaultValue = "0",
        description = "Port to accept peers on. Default: any free port.")
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

  /** Starts something that binds sockets; {@link #listening} wraps it. */
  interface Start<T> {
    T start() throws java.io.IOException;
  }

  /**
   * Starts {@code start}, turning a port that is taken into a message that names it: the JDK says
   * only {@code Address already in use}.
   *
   * @param host the bind address
   * @param ports the ports asked for, such as {@code 8000} or {@code 8000 and 8001 (UDP)}
   */
  static <T> T listening(String host, String ports, Start<T> start) throws java.io.IOException {
    try {
      return start.start();
    } catch (java.io.IOException e) {
      // The JDK throws BindException; Netty's native transport an IOException saying the same.
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (!(e instanceof java.net.BindException) && !message.contains("already in use")) {
        throw e;
      }
      String why =
          message.contains("already in use")
              ? "the address is already in use (another program has the port; choose another"
                  + " with --port)"
              : ErrorHandlers.oneLine(message)
                  + " (is the address one of this machine's? choose another with --host)";
      throw new java.io.IOException("cannot listen on " + host + " port " + ports + ": " + why, e);
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
