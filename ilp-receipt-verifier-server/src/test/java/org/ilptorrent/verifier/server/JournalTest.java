package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.UnknownBalanceException;
import org.ilptorrent.verifier.server.internal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static final byte[] NONCE = new byte[16];
  private static final byte[] SECRET = new byte[32];
  private static final String HASH = "ab".repeat(32);

  private static JournalVerifierStore open(Path dir) throws IOException {
    return JournalVerifierStore.open(dir, Clock.systemUTC());
  }

  @Test
  void stateSurvivesReopening(@TempDir Path dir) throws Exception {
    try (JournalVerifierStore store = open(dir)) {
      store.addNonce(NONCE, HASH, Instant.now().plusSeconds(300));
      store.creditReceipt("b1", Receipt.create(NONCE, 1, 100, SECRET), Instant.now());
      store.spend("b1", HASH, 30, null, Instant.now());
      store.putPointer("h", "$wallet.example/alice");
    }
    try (JournalVerifierStore store = open(dir)) {
      assertThat(store.spend("b1", HASH, 0, null, Instant.now())).isEqualTo(70);
      assertThat(store.pointer("h")).contains("$wallet.example/alice");
      assertThatThrownBy(
              () -> store.creditReceipt("b1", Receipt.create(NONCE, 1, 100, SECRET), Instant.now()))
          .hasMessage("expired receipt");
      assertThat(store.creditReceipt("b1", Receipt.create(NONCE, 1, 150, SECRET), Instant.now()))
          .isEqualTo(120);
    }
  }

  @Test
  void aTornLastRecordIsDropped(@TempDir Path dir) throws Exception {
    try (JournalVerifierStore store = open(dir)) {
      store.addNonce(NONCE, HASH, Instant.now().plusSeconds(300));
      store.creditReceipt("b1", Receipt.create(NONCE, 1, 100, SECRET), Instant.now());
    }
    Files.writeString(dir.resolve("verifier.journal"), "0badc0de s b1 ", StandardOpenOption.APPEND);
    try (JournalVerifierStore store = open(dir)) {
      assertThat(store.spend("b1", HASH, 0, null, Instant.now())).isEqualTo(100);
    }
  }

  @Test
  void aDamagedRecordInTheMiddleIsAnError(@TempDir Path dir) throws Exception {
    try (JournalVerifierStore store = open(dir)) {
      store.addNonce(NONCE, HASH, Instant.now().plusSeconds(300));
      store.creditReceipt("b1", Receipt.create(NONCE, 1, 100, SECRET), Instant.now());
      store.spend("b1", HASH, 1, null, Instant.now());
    }
    Path journal = dir.resolve("verifier.journal");
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    lines.set(0, lines.get(0).replace(' ', 'x'));
    Files.write(journal, lines, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void expiredNoncesAreDroppedAndRefused(@TempDir Path dir) throws Exception {
    try (JournalVerifierStore store = open(dir)) {
      store.addNonce(NONCE, HASH, Instant.now().minusSeconds(1));
      assertThatThrownBy(
              () -> store.creditReceipt("b1", Receipt.create(NONCE, 1, 100, SECRET), Instant.now()))
          .hasMessage("expired receipt");
    }
  }

  @Test
  void aJournalOfThePreviousFormatIsReadAndRewrittenWithoutIds(@TempDir Path dir) throws Exception {
    String nonce = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(NONCE);
    List<String> old =
        List.of(
            "N " + nonce + " " + Instant.now().plusSeconds(300).toEpochMilli(),
            "C legacy-id-123 " + nonce + " 1 100 100",
            "S legacy-id-123 30",
            "P "
                + HASH
                + " "
                + java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString("$wallet.example/bob".getBytes(StandardCharsets.UTF_8)));
    StringBuilder text = new StringBuilder();
    for (String payload : old) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(payload.getBytes(StandardCharsets.UTF_8));
      text.append(String.format("%08x %s%n", crc.getValue(), payload));
    }
    Files.writeString(dir.resolve("verifier.journal"), text);
    try (JournalVerifierStore store = open(dir)) {
      assertThat(store.pointer(HASH)).contains("$wallet.example/bob");
      // Credits from before pointer binding are reachable by unbound spends only.
      assertThatThrownBy(() -> store.spend("legacy-id-123", HASH, 1, null, Instant.now()))
          .isInstanceOf(UnknownBalanceException.class);
      assertThat(store.spend("legacy-id-123", null, 0, null, Instant.now())).isEqualTo(70);
    }
    assertThat(Files.readString(dir.resolve("verifier.journal"))).doesNotContain("legacy-id-123");
  }

  @Test
  void aJournalWhoseKeyIsMissingIsRefused(@TempDir Path dir) throws Exception {
    try (JournalVerifierStore store = open(dir)) {
      store.addNonce(NONCE, HASH, Instant.now().plusSeconds(300));
      store.creditReceipt("b1", Receipt.create(NONCE, 1, 100, SECRET), Instant.now());
    }
    Files.delete(dir.resolve(JournalVerifierStore.KEY));
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(JournalVerifierStore.KEY);
  }

  @Test
  void concurrentCreditsAndSpendsShareForcesAndAllSurvive(@TempDir Path dir) throws Exception {
    int threads = 8;
    int rounds = 100;
    try (JournalVerifierStore store = open(dir)) {
      store.addNonce(NONCE, HASH, Instant.now().plusSeconds(300));
      Thread[] workers = new Thread[threads];
      Throwable[] failure = new Throwable[1];
      for (int t = 0; t < threads; t++) {
        int stream = t;
        workers[t] =
            new Thread(
                () -> {
                  try {
                    for (int i = 1; i <= rounds; i++) {
                      store.creditReceipt(
                          "b" + stream,
                          Receipt.create(NONCE, stream, i * 10L, SECRET),
                          Instant.now());
                      store.spend("b" + stream, HASH, 3, null, Instant.now());
                    }
                  } catch (Throwable e) {
                    failure[0] = e;
                  }
                });
        workers[t].start();
      }
      for (Thread w : workers) {
        w.join();
      }
      assertThat(failure[0]).isNull();
    }
    try (JournalVerifierStore store = open(dir)) {
      for (int t = 0; t < threads; t++) {
        assertThat(store.spend("b" + t, HASH, 0, null, Instant.now())).isEqualTo(rounds * 7L);
      }
    }
  }

  @Test
  void aClosedJournalForcesWhatItHadAndRefusesToPromiseMore(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("j");
    Journal journal = Journal.open(file, r -> {}, out -> {});
    long first = journal.append("one");
    java.util.concurrent.CompletableFuture<Void> firstDurable = journal.durable(first);
    journal.close();
    assertThat(firstDurable).succeedsWithin(java.time.Duration.ofSeconds(10));
    assertThat(journal.durable(first)).isCompleted();
    long second = journal.append("two");
    assertThat(journal.durable(second))
        .failsWithin(java.time.Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOf(IOException.class)
        .withMessage("the journal is closed");
    journal.close();
    List<String> replayed = new java.util.ArrayList<>();
    Journal.open(file, replayed::add, out -> {}).close();
    assertThat(replayed).containsExactly("one");
  }
}
