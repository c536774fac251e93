package org.ilptorrent.verifier.server.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.verifier.BalanceLimitException;
import org.ilptorrent.verifier.IdempotencyKeyReusedException;
import org.ilptorrent.verifier.InsufficientBalanceException;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.UnknownBalanceException;

/**
 * The verifier's rules over plain maps. Not thread-safe: stores call it under one lock, which keeps
 * every operation atomic and, for the journal, in the order it was applied.
 *
 * <p>Balances are held per bucket: (balance key, pointer hash). A nonce is bound to the proxy hash
 * whose SPSP query issued it, and a receipt with it credits only that bucket, so a receipt minted
 * by one wallet can never pay for another wallet's licence. The state never sees a balance id:
 * stores hand it opaque keys (the journal a keyed digest), which is what keeps ids out of files.
 */
public final class VerifierState {
  /** The bucket of receipts whose nonce predates pointer binding (journals of older versions). */
  public static final String UNBOUND = "-";

  /** How long a spend's idempotency record is kept. */
  public static final Duration IDEMPOTENCY_RETENTION = Duration.ofDays(7);

  /** A credit as applied: what the journal needs to replay it. */
  public record Credit(
      ByteBuffer nonce, int stream, long highWater, long amount, String bucket, long balance) {}

  /**
   * A spend as applied.
   *
   * @param debits what was taken from which bucket (empty for a replayed idempotent spend)
   * @param balance the balance answered
   * @param replayed whether an earlier spend with the same idempotency key answered for this one
   */
  public record Spend(List<Debit> debits, long balance, boolean replayed) {}

  /** An amount taken from one bucket. */
  public record Debit(String bucket, long amount) {}

  /** A remembered idempotent spend: its amount, its pointer ({@code *} for all buckets). */
  public record Idempotent(long amount, String pointer, long balance, long atMillis) {}

  /** A registered pointer and the digest of its management token ({@code null}: none). */
  public record Registration(String pointer, String tokenDigest) {}

  private static final class Nonce {
    long expiresAt;
    final String bucket;
    final long[] highWater = new long[256];

    Nonce(long expiresAt, String bucket) {
      this.expiresAt = expiresAt;
      this.bucket = bucket;
      Arrays.fill(highWater, -1);
    }
  }

  private final Map<ByteBuffer, Nonce> nonces = new HashMap<>();
  private final Map<String, Map<String, long[]>> balances = new HashMap<>();
  private final Map<String, Registration> pointers = new HashMap<>();
  private final Map<String, Idempotent> idempotent = new HashMap<>();
  private int addsSinceSweep;

  /** Checks a balance id's shape. */
  public static String checkBalanceId(String id) {
    if (!BalanceId.isValid(id)) {
      throw new IllegalArgumentException("invalid balance id");
    }
    return id;
  }

  /** Checks an idempotency key's shape (the balance id's alphabet and length). */
  public static String checkIdempotencyKey(String key) {
    if (!BalanceId.isValid(key)) {
      throw new IllegalArgumentException("invalid idempotency key");
    }
    return key;
  }

  /**
   * Registers a nonce bound to {@code bucket} (a proxy hash); drops expired nonces and old
   * idempotency records now and then, so memory stays bounded by the TTLs.
   */
  public void addNonce(ByteBuffer nonce, String bucket, long expiresAtMillis, long nowMillis) {
    nonces.computeIfAbsent(nonce, n -> new Nonce(expiresAtMillis, bucket)).expiresAt =
        expiresAtMillis;
    if (++addsSinceSweep >= 1024) {
      addsSinceSweep = 0;
      sweep(nowMillis);
    }
  }

  /** Applies a credit to the bucket of the receipt's nonce, or throws without changing anything. */
  public Credit credit(String balanceKey, Receipt receipt, Instant now) {
    ByteBuffer key = ByteBuffer.wrap(receipt.nonce());
    Nonce nonce = nonces.get(key);
    if (nonce == null || nonce.expiresAt <= now.toEpochMilli()) {
      throw new InvalidReceiptException(InvalidReceiptException.EXPIRED);
    }
    long total = receipt.totalReceivedBits();
    if (total < 0) {
      throw new BalanceLimitException("receipt amount exceeds max 64 bit signed integer");
    }
    int stream = receipt.streamId();
    long previous = nonce.highWater[stream];
    long amount = previous < 0 ? total : total - previous;
    if (amount <= 0) {
      throw new InvalidReceiptException(InvalidReceiptException.EXPIRED);
    }
    long[] balance = bucket(balanceKey, nonce.bucket, false);
    long current = balance == null ? 0 : balance[0];
    if (current > Long.MAX_VALUE - amount) {
      throw new BalanceLimitException("balance cannot exceed max 64 bit signed integer");
    }
    nonce.highWater[stream] = total;
    bucket(balanceKey, nonce.bucket, true)[0] = current + amount;
    return new Credit(key, stream, total, amount, nonce.bucket, current + amount);
  }

  /**
   * Applies a spend, or throws without changing anything.
   *
   * @param bucket the pointer hash to spend from, or {@code null} for the sum of every bucket
   * @param idempotencyKey {@code null}, or the (opaque) key under which the outcome is remembered
   */
  public Spend spend(
      String balanceKey, String bucket, long amount, String idempotencyKey, long nowMillis) {
    if (amount < 0) {
      throw new BalanceLimitException("spend amount must not be negative");
    }
    String pointer = bucket == null ? "*" : bucket;
    if (idempotencyKey != null) {
      Idempotent earlier = idempotent.get(idempotencyKey);
      if (earlier != null && earlier.atMillis() + IDEMPOTENCY_RETENTION.toMillis() > nowMillis) {
        if (earlier.amount() != amount || !earlier.pointer().equals(pointer)) {
          throw new IdempotencyKeyReusedException();
        }
        return new Spend(List.of(), earlier.balance(), true);
      }
    }
    Map<String, long[]> buckets = balances.get(balanceKey);
    List<Debit> debits = new ArrayList<>();
    long after;
    if (bucket != null) {
      long[] b = buckets == null ? null : buckets.get(bucket);
      if (b == null) {
        throw new UnknownBalanceException();
      }
      if (b[0] < amount) {
        throw new InsufficientBalanceException();
      }
      debits.add(new Debit(bucket, amount));
      after = b[0] - amount;
    } else {
      if (buckets == null || buckets.isEmpty()) {
        throw new UnknownBalanceException();
      }
      long sum = sum(buckets);
      if (sum < amount) {
        throw new InsufficientBalanceException();
      }
      long left = amount;
      for (Map.Entry<String, long[]> e : buckets.entrySet()) {
        long take = Math.min(left, Math.max(0, e.getValue()[0]));
        if (take > 0 || (left == 0 && debits.isEmpty())) {
          debits.add(new Debit(e.getKey(), take));
        }
        left -= take;
        if (left == 0) {
          break;
        }
      }
      after = sum - amount;
    }
    for (Debit d : debits) {
      buckets.get(d.bucket())[0] -= d.amount();
    }
    if (idempotencyKey != null) {
      idempotent.put(idempotencyKey, new Idempotent(amount, pointer, after, nowMillis));
    }
    return new Spend(List.copyOf(debits), after, false);
  }

  private static long sum(Map<String, long[]> buckets) {
    long sum = 0;
    for (long[] b : buckets.values()) {
      sum = sum > Long.MAX_VALUE - b[0] ? Long.MAX_VALUE : sum + b[0];
    }
    return sum;
  }

  private long[] bucket(String balanceKey, String bucket, boolean create) {
    if (!create) {
      Map<String, long[]> buckets = balances.get(balanceKey);
      return buckets == null ? null : buckets.get(bucket);
    }
    return balances
        .computeIfAbsent(balanceKey, k -> new LinkedHashMap<>())
        .computeIfAbsent(bucket, k -> new long[1]);
  }

  /** Replays a credit from the journal. */
  public void replayCredit(
      String balanceKey, ByteBuffer nonce, int stream, long highWater, long amount, String bucket) {
    Nonce n = nonces.computeIfAbsent(nonce, k -> new Nonce(0, bucket));
    n.highWater[stream] = Math.max(n.highWater[stream], highWater);
    bucket(balanceKey, bucket, true)[0] += amount;
  }

  /** Replays a debit, or sets a bucket's balance from a snapshot (a positive delta from 0). */
  public void replayBalanceChange(String balanceKey, String bucket, long delta) {
    bucket(balanceKey, bucket, true)[0] += delta;
  }

  /** Replays a remembered idempotent spend. */
  public void replayIdempotent(String idempotencyKey, Idempotent outcome) {
    idempotent.put(idempotencyKey, outcome);
  }

  /** Replays a stream's high-water mark from a snapshot. */
  public void replayHighWater(ByteBuffer nonce, int stream, long highWater) {
    Nonce n = nonces.computeIfAbsent(nonce, k -> new Nonce(0, UNBOUND));
    n.highWater[stream] = Math.max(n.highWater[stream], highWater);
  }

  /**
   * Sets a nonce's expiry and bucket (from the journal), keeping its marks. A nonce record always
   * comes before the high-water and credit records of that nonce.
   */
  public void replayNonce(ByteBuffer nonce, String bucket, long expiresAtMillis) {
    Nonce n = nonces.get(nonce);
    if (n == null || !n.bucket.equals(bucket)) {
      Nonce fresh = new Nonce(expiresAtMillis, bucket);
      if (n != null) {
        System.arraycopy(n.highWater, 0, fresh.highWater, 0, 256);
      }
      nonces.put(nonce, fresh);
    } else {
      n.expiresAt = expiresAtMillis;
    }
  }

  /** Registers {@code pointer} under {@code hash} unless registered; whether it was added. */
  public boolean addPointer(String hash, String pointer, String tokenDigest) {
    return pointers.putIfAbsent(hash, new Registration(pointer, tokenDigest)) == null;
  }

  /** Sets a registration (journal replay). */
  public void putPointer(String hash, String pointer, String tokenDigest) {
    pointers.put(hash, new Registration(pointer, tokenDigest));
  }

  public Optional<Registration> registration(String hash) {
    return Optional.ofNullable(pointers.get(hash));
  }

  public int pointerCount() {
    return pointers.size();
  }

  public boolean removePointer(String hash) {
    return pointers.remove(hash) != null;
  }

  /** Drops nonces that expired and idempotency records past their retention. */
  public void sweep(long nowMillis) {
    for (Iterator<Nonce> it = nonces.values().iterator(); it.hasNext(); ) {
      if (it.next().expiresAt <= nowMillis) {
        it.remove();
      }
    }
    long oldest = nowMillis - IDEMPOTENCY_RETENTION.toMillis();
    idempotent.values().removeIf(i -> i.atMillis() <= oldest);
  }

  /** Visits the state, for a journal snapshot. */
  public void forEach(Visitor visitor) {
    nonces.forEach(
        (nonce, n) -> {
          visitor.nonce(nonce, n.bucket, n.expiresAt);
          for (int s = 0; s < 256; s++) {
            if (n.highWater[s] >= 0) {
              visitor.highWater(nonce, s, n.highWater[s]);
            }
          }
        });
    balances.forEach((key, buckets) -> buckets.forEach((b, v) -> visitor.balance(key, b, v[0])));
    idempotent.forEach(visitor::idempotent);
    pointers.forEach(visitor::pointer);
  }

  /** Receives the state in {@link #forEach(Visitor)}. */
  public interface Visitor {
    void nonce(ByteBuffer nonce, String bucket, long expiresAtMillis);

    void highWater(ByteBuffer nonce, int stream, long highWater);

    void balance(String balanceKey, String bucket, long balance);

    void idempotent(String idempotencyKey, Idempotent outcome);

    void pointer(String hash, Registration registration);
  }
}
