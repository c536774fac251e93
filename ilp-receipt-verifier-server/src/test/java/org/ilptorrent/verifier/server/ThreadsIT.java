package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.VerifierException;
import org.junit.jupiter.api.Test;

/**
 * Clients and servers give their threads back: verifier clients share the process's one HTTP client
 * (on Java 17 each JDK client kept a selector thread until garbage collected: 22 clients left 23
 * threads), and closed servers leave no event-loop or worker thread.
 */
class ThreadsIT {

  @Test
  void twentyClientsOpenedAndDroppedLeaveNoThreads() throws Exception {
    try (ReceiptVerifierServer server = ReceiptVerifierServer.builder().start()) {
      ReceiptVerifierClient first = ReceiptVerifierClient.builder(server.uri()).build();
      spendNothing(first);
      int baseline = threadCount();
      for (int i = 0; i < 20; i++) {
        spendNothing(ReceiptVerifierClient.builder(server.uri()).build());
      }
      // a thread or two of the shared client's executor may come and go; a thread per client may
      // not
      Await.until(
          "the thread count back within 2 of " + baseline,
          Duration.ofSeconds(10),
          () -> threadCount() <= baseline + 2);
    }
  }

  @Test
  void closedServersLeaveNoThreadBehind() throws Exception {
    for (int i = 0; i < 20; i++) {
      ReceiptVerifierServer server = ReceiptVerifierServer.builder().start();
      spendNothing(ReceiptVerifierClient.builder(server.uri()).build());
      server.close();
    }
    Await.until(
        "no server thread left: " + serverThreads(),
        Duration.ofSeconds(10),
        () -> serverThreads().length == 0);
  }

  @Test
  void serversInOneJvmShareTheirEventLoops() throws Exception {
    try (ReceiptVerifierServer a = ReceiptVerifierServer.builder().start();
        ReceiptVerifierServer b = ReceiptVerifierServer.builder().start();
        ReceiptVerifierServer c = ReceiptVerifierServer.builder().start()) {
      for (ReceiptVerifierServer s : new ReceiptVerifierServer[] {a, b, c}) {
        spendNothing(ReceiptVerifierClient.builder(s.uri()).build());
      }
      long loops =
          Arrays.stream(serverThreads()).filter(n -> n.startsWith("ilp-server-io-")).count();
      assertThat(loops).isBetween(1L, (long) Runtime.getRuntime().availableProcessors());
    }
  }

  /** Live threads apart from the server's own (its worker pool grows up to 32 on demand). */
  private static int threadCount() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .filter(t -> !t.getName().startsWith("ilp-verifier-http-"))
            .count();
  }

  private static String[] serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("ilp-server-io-") || n.startsWith("ilp-verifier-http-"))
        .toArray(String[]::new);
  }

  private static void spendNothing(ReceiptVerifierClient client) throws Exception {
    try {
      client.spend("f5e4a0b2-5c8e-4a43-9a51-3c0a7b1d2e10", 1);
    } catch (VerifierException expected) {
      // 400 payment pointer required: a full round trip is all this needs
    }
  }
}
