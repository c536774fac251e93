package org.ilptorrent.verifier.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Runs a verifier in a separate JVM for the crash tests: {@code VerifierProcess <dataDir>
 * <seedHex>} with a journal, or {@code VerifierProcess <redis://...> <seedHex> <operatorToken>}
 * with the Redis store. Prints {@code listening <uri>} once it serves, then runs until killed.
 */
public final class VerifierProcess {
  private VerifierProcess() {}

  public static void main(String[] args) throws Exception {
    ReceiptVerifierServer.Builder b =
        ReceiptVerifierServer.builder().seed(HexFormat.of().parseHex(args[1]));
    if (args[0].startsWith("redis://")) {
      b.store(RedisVerifierStore.connect(URI.create(args[0]))).registrationToken(args[2]);
    } else {
      b.dataDirectory(Path.of(args[0]));
    }
    ReceiptVerifierServer server = b.start();
    System.out.println("listening " + server.uri());
    System.out.flush();
    Thread.currentThread().join();
  }
}
