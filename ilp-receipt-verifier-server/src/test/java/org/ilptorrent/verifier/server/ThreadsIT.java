package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.VerifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void journalServersAnswerBalancesWithoutWorkerThreadsAndLeaveNoJournalThread(@TempDir Path dir)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      try (ReceiptVerifierServer server =
          ReceiptVerifierServer.builder().dataDirectory(dir.resolve("d" + i)).start()) {
        ReceiptVerifierClient client = ReceiptVerifierClient.builder(server.uri()).build();
        try {
          client.spend("f5e4a0b2-5c8e-4a43-9a51-3c0a7b1d2e10", 1, "ab".repeat(32), null);
        } catch (VerifierException expected) {
          // 404 balance does not exist: the store answered
        }
        assertThat(serverThreads()).noneMatch(n -> n.startsWith("ilp-verifier-http-"));
      }
    }
    Await.until(
        "no journal thread left",
        Duration.ofSeconds(10),
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals("ilp-verifier-journal")));
  }

  @Test
  void aStoreGivenOnTheBuilderIsCalledOnWorkerThreadsNeverOnAnEventLoop() throws Exception {
    byte[] seed = new byte[32];
    byte[] nonce = new byte[16];
    String hash = "ab".repeat(32);
    RecordingStore store = new RecordingStore(new MemoryVerifierStore());
    store.addNonce(nonce, hash, java.time.Instant.now().plusSeconds(300));
    try (ReceiptVerifierServer server =
        ReceiptVerifierServer.builder().seed(seed).store(store).start()) {
      ReceiptVerifierClient client = ReceiptVerifierClient.builder(server.uri()).build();
      String id = "f5e4a0b2-5c8e-4a43-9a51-3c0a7b1d2e10";
      assertThat(
              client.creditReceipt(id, Receipt.create(nonce, 1, 500, Receipt.secret(seed, nonce))))
          .isEqualTo(500);
      assertThat(client.spend(id, 20, hash, null)).isEqualTo(480);
    }
    assertThat(store.callers).hasSize(2).allMatch(n -> n.startsWith("ilp-verifier-http-"));
  }

  /** A store of the application's own: the memory store, noting which thread calls it. */
  private static final class RecordingStore implements VerifierStore {
    private final VerifierStore inner;
    final List<String> callers = new java.util.concurrent.CopyOnWriteArrayList<>();

    RecordingStore(VerifierStore inner) {
      this.inner = inner;
    }

    @Override
    public void addNonce(byte[] nonce, String pointerHash, java.time.Instant expiresAt)
        throws java.io.IOException {
      inner.addNonce(nonce, pointerHash, expiresAt);
    }

    @Override
    public long creditReceipt(String balanceId, Receipt receipt, java.time.Instant now)
        throws java.io.IOException {
      callers.add(Thread.currentThread().getName());
      return inner.creditReceipt(balanceId, receipt, now);
    }

    @Override
    public long spend(
        String balanceId, String pointerHash, long amount, String key, java.time.Instant now)
        throws java.io.IOException {
      callers.add(Thread.currentThread().getName());
      return inner.spend(balanceId, pointerHash, amount, key, now);
    }

    @Override
    public boolean addPointer(String hash, String pointer, String tokenDigest)
        throws java.io.IOException {
      return inner.addPointer(hash, pointer, tokenDigest);
    }

    @Override
    public java.util.Optional<String> pointer(String hash) {
      return inner.pointer(hash);
    }

    @Override
    public java.util.Optional<String> managementTokenDigest(String hash) {
      return inner.managementTokenDigest(hash);
    }

    @Override
    public int pointerCount() {
      return inner.pointerCount();
    }

    @Override
    public boolean removePointer(String hash) throws java.io.IOException {
      return inner.removePointer(hash);
    }

    @Override
    public void close() throws java.io.IOException {
      inner.close();
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
