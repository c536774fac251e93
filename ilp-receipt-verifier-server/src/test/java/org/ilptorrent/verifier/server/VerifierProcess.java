package org.ilptorrent.verifier.server;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Runs a verifier with a journal in a separate JVM for the crash test: {@code VerifierProcess
 * <dataDir> <seedHex>}. Prints {@code listening <uri>} once it serves, then runs until killed.
 */
public final class VerifierProcess {
  private VerifierProcess() {}

  public static void main(String[] args) throws Exception {
    ReceiptVerifierServer server =
        ReceiptVerifierServer.builder()
            .dataDirectory(Path.of(args[0]))
            .seed(HexFormat.of().parseHex(args[1]))
            .start();
    System.out.println("listening " + server.uri());
    System.out.flush();
    Thread.currentThread().join();
  }
}
