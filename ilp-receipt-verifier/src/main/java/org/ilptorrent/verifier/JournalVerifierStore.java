package org.ilptorrent.verifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.ilptorrent.verifier.internal.Journal;
import org.ilptorrent.verifier.internal.VerifierState;

/**
 * A {@link VerifierStore} that keeps its state in memory and every change in a journal file in a
 * data directory. A change is on disk ({@code fsync}) before its method returns, so after a crash
 * or restart no acknowledged credit, spend, pointer or nonce mark is lost, and a receipt credited
 * before the restart is still refused as a replay. Concurrent callers share {@code fsync}s.
 *
 * <p>On open, the journal is replayed and rewritten as a snapshot, dropping expired nonces.
 */
public final class JournalVerifierStore implements VerifierStore {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final VerifierState state = new VerifierState();
  private final Clock clock;
  private final Journal journal;

  private JournalVerifierStore(Path dataDirectory, Clock clock) throws IOException {
    this.clock = clock;
    Files.createDirectories(dataDirectory);
    this.journal =
        Journal.open(dataDirectory.resolve("verifier.journal"), this::replay, this::snapshot);
  }

  /** Opens (or creates) the store in {@code dataDirectory}. */
  public static JournalVerifierStore open(Path dataDirectory, Clock clock) throws IOException {
    return new JournalVerifierStore(dataDirectory, clock);
  }

  @Override
  public void addNonce(byte[] nonce, Instant expiresAt) throws IOException {
    long seq;
    synchronized (this) {
      state.addNonce(ByteBuffer.wrap(nonce.clone()), expiresAt.toEpochMilli(), clock.millis());
      seq = journal.append("N " + B64.encodeToString(nonce) + " " + expiresAt.toEpochMilli());
    }
    journal.sync(seq);
  }

  @Override
  public long creditReceipt(String balanceId, Receipt receipt, Instant now) throws IOException {
    VerifierState.Credit c;
    long seq;
    synchronized (this) {
      c = state.credit(balanceId, receipt, now);
      seq =
          journal.append(
              "C "
                  + balanceId
                  + " "
                  + B64.encodeToString(receipt.nonce())
                  + " "
                  + c.stream()
                  + " "
                  + c.highWater()
                  + " "
                  + c.amount());
    }
    journal.sync(seq);
    return c.balance();
  }

  @Override
  public long spend(String balanceId, long amount) throws IOException {
    long balance;
    long seq;
    synchronized (this) {
      balance = state.spend(balanceId, amount);
      seq = journal.append("S " + balanceId + " " + amount);
    }
    journal.sync(seq);
    return balance;
  }

  @Override
  public void putPointer(String hash, String pointer) throws IOException {
    long seq;
    synchronized (this) {
      state.putPointer(hash, pointer);
      seq = journal.append("P " + hash + " " + encode(pointer));
    }
    journal.sync(seq);
  }

  @Override
  public synchronized Optional<String> pointer(String hash) {
    return state.pointer(hash);
  }

  @Override
  public boolean removePointer(String hash) throws IOException {
    long seq;
    boolean removed;
    synchronized (this) {
      removed = state.removePointer(hash);
      seq = journal.append("D " + hash);
    }
    journal.sync(seq);
    return removed;
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }

  private void replay(String record) {
    String[] f = record.split(" ");
    switch (f[0]) {
      case "N" -> state.replayNonce(ByteBuffer.wrap(B64D.decode(f[1])), Long.parseLong(f[2]));
      case "H" ->
          state.replayHighWater(
              ByteBuffer.wrap(B64D.decode(f[1])), Integer.parseInt(f[2]), Long.parseLong(f[3]));
      case "C" ->
          state.replayCredit(
              f[1],
              ByteBuffer.wrap(B64D.decode(f[2])),
              Integer.parseInt(f[3]),
              Long.parseLong(f[4]),
              Long.parseLong(f[5]));
      case "S" -> state.replayBalanceChange(f[1], -Long.parseLong(f[2]));
      case "B" -> state.replayBalanceChange(f[1], Long.parseLong(f[2]));
      case "P" -> state.putPointer(f[1], decode(f[2]));
      case "D" -> state.removePointer(f[1]);
      default -> throw new IllegalStateException("unknown journal record " + f[0]);
    }
  }

  private void snapshot(java.util.function.Consumer<String> out) {
    state.sweep(clock.millis());
    state.forEach(
        new VerifierState.Visitor() {
          @Override
          public void nonce(ByteBuffer nonce, long expiresAtMillis) {
            out.accept("N " + B64.encodeToString(bytes(nonce)) + " " + expiresAtMillis);
          }

          @Override
          public void highWater(ByteBuffer nonce, int stream, long highWater) {
            out.accept("H " + B64.encodeToString(bytes(nonce)) + " " + stream + " " + highWater);
          }

          @Override
          public void balance(String balanceId, long balance) {
            out.accept("B " + balanceId + " " + balance);
          }

          @Override
          public void pointer(String hash, String pointer) {
            out.accept("P " + hash + " " + encode(pointer));
          }
        });
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static String encode(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String text) {
    return new String(B64D.decode(text), StandardCharsets.UTF_8);
  }
}
