package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.ilptorrent.verifier.server.RedisVerifierStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent verifier}: runs a receipt verifier until stopped. */
@Command(
    name = "verifier",
    mixinStandardHelpOptions = true,
    header = "Run a receipt verifier until stopped.",
    description = {
      "Runs a receipt verifier: the balances API, the pointer registry and the SPSP proxy on one port.",
      "Prints 'verifier <url>', 'balances <url>', 'proxy <url>' and 'spsp <url>' once listening."
    })
public final class VerifierCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "3000",
      description = "Port. Default: 3000.")
  int port;

  @Mixin Services.HostOption host;

  @Mixin Services.IoTransportOption ioTransport;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Keep state in a journal in DIR. Default: memory only, lost at exit.")
  Path data;

  @Option(
      names = "--redis",
      paramLabel = "URL",
      description =
          "Keep state in Redis (redis://HOST:PORT[/DB], rediss:// for TLS, password as"
              + " redis://:PASSWORD@HOST), shared by every verifier on it: give them all the same"
              + " --seed-file and --registration-token. Instead of --data.")
  URI redis;

  @Option(
      names = "--seed-file",
      paramLabel = "FILE",
      description =
          "Receipt seed (base64 of 32 bytes), created if missing. Default: DIR/seed with --data.")
  Path seedFile;

  @Option(
      names = "--receipt-ttl",
      paramLabel = "DURATION",
      defaultValue = "300s",
      converter = Durations.class,
      description = "How long a receipt nonce can be credited. Default: 300s.")
  Duration receiptTtl;

  @Option(
      names = "--registration-token",
      paramLabel = "T",
      description =
          "Operator token: registers pointers and removes any. Default: generated on first start,"
              + " kept in DIR/operator-token and printed once on stderr.")
  String registrationToken;

  @Option(
      names = "--open-registration",
      description = "Let anyone register pointers: up to 10 an hour per address and 10,000 in all.")
  boolean openRegistration;

  @Option(
      names = "--unbound-spends",
      description =
          "Compatibility with @coil/receipt-verifier: a spend without a Payment-Pointer header"
              + " takes from all of the balance's buckets. Receipts paid to any wallet then pay"
              + " for anything; off by default.")
  boolean unboundSpends;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (redis != null) {
      if (data != null) {
        throw new IllegalArgumentException(
            "--redis keeps the state in Redis: give --seed-file (and --registration-token)"
                + " instead of --data");
      }
      if (seedFile == null) {
        throw new IllegalArgumentException(
            "--redis needs --seed-file: every verifier on one Redis must share the receipt seed");
      }
    }
    Path seedPath = seedFile != null ? seedFile : data != null ? data.resolve("seed") : null;
    ReceiptVerifierServer.Builder b =
        ReceiptVerifierServer.builder()
            .host(host.host)
            .port(port)
            .ioTransport(ioTransport.name)
            .nonceTtl(receiptTtl)
            .registrationToken(registrationToken)
            .openRegistration(openRegistration)
            .unboundSpends(unboundSpends);
    if (seedPath != null) {
      b.seed(loadOrCreateSeed(seedPath));
    } else {
      err.println("ilp-torrent: no --seed-file or --data: receipts die with this process");
    }
    if (data != null) {
      b.dataDirectory(data);
    }
    if (redis != null) {
      b.store(RedisVerifierStore.connect(redis));
    }
    Path tokenFile = data == null ? null : data.resolve(ReceiptVerifierServer.OPERATOR_TOKEN_FILE);
    boolean tokenFileExisted = tokenFile != null && Files.exists(tokenFile);
    ReceiptVerifierServer server = Services.listening(host.host, "" + port, b::start);
    if (registrationToken == null && !tokenFileExisted) {
      // Shown once, when it is made: later starts read it from the file.
      server
          .registrationToken()
          .ifPresent(
              token ->
                  err.println(
                      "operator token: "
                          + token
                          + (tokenFile != null
                              ? " (saved in " + tokenFile + ")"
                              : " (not saved: no --data, valid until this process ends)")));
      err.flush();
    }
    out.println("verifier " + server.uri());
    out.println("balances " + server.uri() + "/balances/{id}");
    out.println("proxy " + server.uri() + "/proxy");
    out.println("spsp " + server.uri() + "/spsp/{hash}");
    out.flush();
    Services.runUntilStopped(server, "ilp-verifier");
    return 0;
  }

  static byte[] loadOrCreateSeed(Path file) throws IOException {
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      byte[] seed;
      try {
        seed = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("seed file " + file + " is not base64");
      }
      if (seed.length != 32) {
        throw new IllegalArgumentException("seed file " + file + " must hold 32 bytes");
      }
      return seed;
    }
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, Base64.getEncoder().encodeToString(seed) + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    return seed;
  }
}
