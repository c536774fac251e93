package org.ilptorrent.verifier.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.server.internal.Journal;
import org.ilptorrent.verifier.server.internal.PrivateFiles;
import org.ilptorrent.verifier.server.internal.VerifierState;

/**
 * A {@link VerifierStore} that keeps its state in memory and every change in a journal file in a
 * data directory. A change is on disk ({@code fsync}) before its method returns, so after a crash
 * or restart no acknowledged credit, spend, idempotent outcome, pointer or nonce mark is lost, and
 * a receipt credited before the restart is still refused as a replay. Concurrent callers share
 * {@code fsync}s.
 *
 * <p>Balance ids and idempotency keys never reach the file: records carry HMAC-SHA-256 digests of
 * them under a random key made for this data directory ({@code journal.key}), so the journal alone
 * does not let anyone spend a balance. The directory is created 0700, the files 0600.
 *
 * <p>On open, the journal is replayed and rewritten as a snapshot, dropping expired nonces and
 * idempotency records older than 7 days. A journal written by an earlier version (balance ids in
 * clear, no pointer binding) is read, and its balances land in an unbound bucket that only unbound
 * spends reach; the rewrite then removes the ids in clear.
 */
public final class JournalVerifierStore extends StateVerifierStore {
  /** The journal's file name in the data directory. */
  public static final String JOURNAL = "verifier.journal";

  /** The file holding the key of the journal's digests. */
  public static final String KEY = "journal.key";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final Clock clock;
  private final byte[] key;
  private final boolean newKey;
  private final Journal journal;
  // Mac.getInstance costs more than the digest itself; each thread keeps one, keyed once.
  private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

  private JournalVerifierStore(Path dataDirectory, Clock clock) throws IOException {
    this.clock = clock;
    PrivateFiles.createDirectories(dataDirectory);
    Path journalFile = dataDirectory.resolve(JOURNAL);
    boolean journalExisted = Files.exists(journalFile);
    PrivateFiles.Secret secret =
        PrivateFiles.readOrCreate(dataDirectory.resolve(KEY), PrivateFiles.randomToken());
    this.key = B64D.decode(secret.value());
    this.newKey = secret.created() && journalExisted;
    try {
      this.journal = Journal.open(journalFile, this::replay, this::snapshot);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IOException(journalFile + ": " + e.getMessage(), e);
    }
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }

  /** Opens (or creates) the store in {@code dataDirectory}. */
  public static JournalVerifierStore open(Path dataDirectory, Clock clock) throws IOException {
    return new JournalVerifierStore(dataDirectory, clock);
  }

  @Override
  public void addNonce(byte[] nonce, String pointerHash, Instant expiresAt) throws IOException {
    Objects.requireNonNull(pointerHash, "pointerHash");
    long seq;
    synchronized (this) {
      state.addNonce(
          ByteBuffer.wrap(nonce.clone()), pointerHash, expiresAt.toEpochMilli(), clock.millis());
      seq =
          journal.append(
              "n "
                  + B64.encodeToString(nonce)
                  + " "
                  + pointerHash
                  + " "
                  + expiresAt.toEpochMilli());
    }
    // Durable before the SPSP answer leaves: the wallet may be paid the moment it has the secret,
    // and a nonce lost in a crash would make those receipts uncreditable. Concurrent queries share
    // one fsync (the journal's group commit), and the server rate-limits queries per source
    // address.
    await(journal.durable(seq));
  }

  @Override
  CompletableFuture<Long> creditLater(String balanceId, Receipt receipt, Instant now) {
    String balanceKey = balanceKey(VerifierState.checkBalanceId(balanceId));
    VerifierState.Credit c;
    long seq;
    synchronized (this) {
      c = state.credit(balanceKey, receipt, now);
      seq =
          journal.append(
              "c "
                  + balanceKey
                  + " "
                  + B64.encodeToString(receipt.nonce())
                  + " "
                  + c.stream()
                  + " "
                  + c.highWater()
                  + " "
                  + c.amount()
                  + " "
                  + c.bucket());
    }
    long balance = c.balance();
    return journal.durable(seq).thenApply(done -> balance);
  }

  @Override
  CompletableFuture<Long> spendLater(
      String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now) {
    String balanceKey = balanceKey(VerifierState.checkBalanceId(balanceId));
    String idemKey =
        idempotencyKey == null
            ? null
            : digest(
                "idempotency\0"
                    + balanceId
                    + "\0"
                    + VerifierState.checkIdempotencyKey(idempotencyKey));
    VerifierState.Spend s;
    long seq;
    synchronized (this) {
      s = state.spend(balanceKey, pointerHash, amount, idemKey, now.toEpochMilli());
      if (!s.replayed()) {
        // One record per spend, whatever it debits: a torn write drops all of it or none.
        StringBuilder r = new StringBuilder("s ").append(balanceKey).append(' ');
        List<VerifierState.Debit> debits = s.debits();
        if (debits.isEmpty()) {
          r.append('.');
        }
        for (int i = 0; i < debits.size(); i++) {
          VerifierState.Debit d = debits.get(i);
          r.append(i == 0 ? "" : ",").append(d.bucket()).append(':').append(d.amount());
        }
        if (idemKey != null) {
          r.append(' ')
              .append(idemKey)
              .append(' ')
              .append(amount)
              .append(' ')
              .append(pointerHash == null ? "*" : pointerHash)
              .append(' ')
              .append(s.balance())
              .append(' ')
              .append(now.toEpochMilli());
        }
        seq = journal.append(r.toString());
      } else {
        // A repeat answers what the first spend answered; make sure that spend is on disk first.
        seq = journal.lastWritten();
      }
    }
    long balance = s.balance();
    return journal.durable(seq).thenApply(done -> balance);
  }

  @Override
  public boolean addPointer(String hash, String pointer, String tokenDigest) throws IOException {
    long seq;
    synchronized (this) {
      if (!state.addPointer(hash, pointer, tokenDigest)) {
        return false;
      }
      seq = journal.append(pointerRecord(hash, pointer, tokenDigest));
    }
    await(journal.durable(seq));
    return true;
  }

  @Override
  public boolean removePointer(String hash) throws IOException {
    long seq;
    boolean removed;
    synchronized (this) {
      removed = state.removePointer(hash);
      seq = journal.append("D " + hash);
    }
    await(journal.durable(seq));
    return removed;
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }

  private String balanceKey(String balanceId) {
    return digest("balance\0" + balanceId);
  }

  private String digest(String text) {
    return B64.encodeToString(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String pointerRecord(String hash, String pointer, String tokenDigest) {
    return "p " + hash + " " + encode(pointer) + " " + (tokenDigest == null ? "-" : tokenDigest);
  }

  private void replay(String record) {
    String[] f = record.split(" ");
    if (newKey && Character.isLowerCase(f[0].charAt(0))) {
      throw new IllegalStateException(
          "the journal was written with a key that is missing (" + KEY + ")");
    }
    switch (f[0]) {
      case "n" -> state.replayNonce(ByteBuffer.wrap(B64D.decode(f[1])), f[2], Long.parseLong(f[3]));
      case "H" ->
          state.replayHighWater(
              ByteBuffer.wrap(B64D.decode(f[1])), Integer.parseInt(f[2]), Long.parseLong(f[3]));
      case "c" ->
          state.replayCredit(
              f[1],
              ByteBuffer.wrap(B64D.decode(f[2])),
              Integer.parseInt(f[3]),
              Long.parseLong(f[4]),
              Long.parseLong(f[5]),
              f[6]);
      case "s" -> {
        if (!f[2].equals(".")) {
          for (String debit : f[2].split(",")) {
            int colon = debit.indexOf(':');
            state.replayBalanceChange(
                f[1], debit.substring(0, colon), -Long.parseLong(debit.substring(colon + 1)));
          }
        }
        if (f.length > 3) {
          state.replayIdempotent(f[3], idempotent(f, 4));
        }
      }
      case "b" -> state.replayBalanceChange(f[1], f[2], Long.parseLong(f[3]));
      case "i" -> state.replayIdempotent(f[1], idempotent(f, 2));
      case "p" -> state.putPointer(f[1], decode(f[2]), f[3].equals("-") ? null : f[3]);
      case "D" -> state.removePointer(f[1]);
      // Records of journals from before pointer binding and digests.
      case "N" ->
          state.replayNonce(
              ByteBuffer.wrap(B64D.decode(f[1])), VerifierState.UNBOUND, Long.parseLong(f[2]));
      case "C" ->
          state.replayCredit(
              balanceKey(f[1]),
              ByteBuffer.wrap(B64D.decode(f[2])),
              Integer.parseInt(f[3]),
              Long.parseLong(f[4]),
              Long.parseLong(f[5]),
              VerifierState.UNBOUND);
      case "S" ->
          state.replayBalanceChange(balanceKey(f[1]), VerifierState.UNBOUND, -Long.parseLong(f[2]));
      case "B" ->
          state.replayBalanceChange(balanceKey(f[1]), VerifierState.UNBOUND, Long.parseLong(f[2]));
      case "P" -> state.putPointer(f[1], decode(f[2]), null);
      default -> throw new IllegalStateException("unknown journal record " + f[0]);
    }
  }

  private static VerifierState.Idempotent idempotent(String[] f, int from) {
    return new VerifierState.Idempotent(
        Long.parseLong(f[from]),
        f[from + 1],
        Long.parseLong(f[from + 2]),
        Long.parseLong(f[from + 3]));
  }

  private void snapshot(Consumer<String> out) {
    state.sweep(clock.millis());
    state.forEach(
        new VerifierState.Visitor() {
          @Override
          public void nonce(ByteBuffer nonce, String bucket, long expiresAtMillis) {
            out.accept(
                "n " + B64.encodeToString(bytes(nonce)) + " " + bucket + " " + expiresAtMillis);
          }

          @Override
          public void highWater(ByteBuffer nonce, int stream, long highWater) {
            out.accept("H " + B64.encodeToString(bytes(nonce)) + " " + stream + " " + highWater);
          }

          @Override
          public void balance(String balanceKey, String bucket, long balance) {
            out.accept("b " + balanceKey + " " + bucket + " " + balance);
          }

          @Override
          public void idempotent(String idempotencyKey, VerifierState.Idempotent i) {
            out.accept(
                "i "
                    + idempotencyKey
                    + " "
                    + i.amount()
                    + " "
                    + i.pointer()
                    + " "
                    + i.balance()
                    + " "
                    + i.atMillis());
          }

          @Override
          public void pointer(String hash, VerifierState.Registration r) {
            out.accept(pointerRecord(hash, r.pointer(), r.tokenDigest()));
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
