package org.ilptorrent.verifier.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.ilptorrent.verifier.BalanceIds;
import org.ilptorrent.verifier.BalanceLimitException;
import org.ilptorrent.verifier.InsufficientBalanceException;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.UnknownBalanceException;

/**
 * The verifier's rules over plain maps. Not thread-safe: stores call it under one lock, which keeps
 * every operation atomic and, for the journal, in the order it was applied.
 */
public final class VerifierState {

  /** A credit as applied: what the journal needs to replay it. */
  public record Credit(ByteBuffer nonce, int stream, long highWater, long amount, long balance) {}

  private static final class Nonce {
    long expiresAt;
    final long[] highWater = new long[256];

    Nonce(long expiresAt) {
      this.expiresAt = expiresAt;
      Arrays.fill(highWater, -1);
    }
  }

  private final Map<ByteBuffer, Nonce> nonces = new HashMap<>();
  private final Map<String, long[]> balances = new HashMap<>();
  private final Map<String, String> pointers = new HashMap<>();
  private int addsSinceSweep;

  /** Checks a balance id's shape. */
  public static String checkBalanceId(String id) {
    if (!BalanceIds.isValid(id)) {
      throw new IllegalArgumentException("invalid balance id");
    }
    return id;
  }

  /** Registers a nonce; drops expired ones now and then, so memory stays bounded by the TTL. */
  public void addNonce(ByteBuffer nonce, long expiresAtMillis, long nowMillis) {
    nonces.computeIfAbsent(nonce, n -> new Nonce(expiresAtMillis)).expiresAt = expiresAtMillis;
    if (++addsSinceSweep >= 1024) {
      addsSinceSweep = 0;
      sweep(nowMillis);
    }
  }

  /** Applies a credit, or throws without changing anything. */
  public Credit credit(String balanceId, Receipt receipt, Instant now) {
    checkBalanceId(balanceId);
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
    long[] balance = balances.get(balanceId);
    long current = balance == null ? 0 : balance[0];
    if (current > Long.MAX_VALUE - amount) {
      throw new BalanceLimitException("balance cannot exceed max 64 bit signed integer");
    }
    nonce.highWater[stream] = total;
    balances.computeIfAbsent(balanceId, k -> new long[1])[0] = current + amount;
    return new Credit(key, stream, total, amount, current + amount);
  }

  /** Applies a spend, or throws without changing anything. */
  public long spend(String balanceId, long amount) {
    checkBalanceId(balanceId);
    if (amount < 0) {
      throw new BalanceLimitException("spend amount must not be negative");
    }
    long[] balance = balances.get(balanceId);
    if (balance == null) {
      throw new UnknownBalanceException();
    }
    if (balance[0] < amount) {
      throw new InsufficientBalanceException();
    }
    balance[0] -= amount;
    return balance[0];
  }

  /** Replays a credit from the journal. */
  public void replayCredit(
      String balanceId, ByteBuffer nonce, int stream, long highWater, long amount) {
    Nonce n = nonces.computeIfAbsent(nonce, k -> new Nonce(0));
    n.highWater[stream] = Math.max(n.highWater[stream], highWater);
    balances.computeIfAbsent(balanceId, k -> new long[1])[0] += amount;
  }

  /** Replays a spend, or sets a balance from a snapshot. */
  public void replayBalanceChange(String balanceId, long delta) {
    balances.computeIfAbsent(balanceId, k -> new long[1])[0] += delta;
  }

  /** Replays a stream's high-water mark from a snapshot. */
  public void replayHighWater(ByteBuffer nonce, int stream, long highWater) {
    Nonce n = nonces.computeIfAbsent(nonce, k -> new Nonce(0));
    n.highWater[stream] = Math.max(n.highWater[stream], highWater);
  }

  /** Sets a nonce's expiry (from the journal), keeping its marks. */
  public void replayNonce(ByteBuffer nonce, long expiresAtMillis) {
    nonces.computeIfAbsent(nonce, k -> new Nonce(expiresAtMillis)).expiresAt = expiresAtMillis;
  }

  public void putPointer(String hash, String pointer) {
    pointers.put(hash, pointer);
  }

  public Optional<String> pointer(String hash) {
    return Optional.ofNullable(pointers.get(hash));
  }

  public boolean removePointer(String hash) {
    return pointers.remove(hash) != null;
  }

  /** Drops nonces that expired: no receipt can be credited with them any more. */
  public void sweep(long nowMillis) {
    for (Iterator<Nonce> it = nonces.values().iterator(); it.hasNext(); ) {
      if (it.next().expiresAt <= nowMillis) {
        it.remove();
      }
    }
  }

  /** Visits the state, for a journal snapshot. */
  public void forEach(Visitor visitor) {
    nonces.forEach(
        (nonce, n) -> {
          visitor.nonce(nonce, n.expiresAt);
          for (int s = 0; s < 256; s++) {
            if (n.highWater[s] >= 0) {
              visitor.highWater(nonce, s, n.highWater[s]);
            }
          }
        });
    balances.forEach((id, b) -> visitor.balance(id, b[0]));
    pointers.forEach(visitor::pointer);
  }

  /** Receives the state in {@link #forEach(Visitor)}. */
  public interface Visitor {
    void nonce(ByteBuffer nonce, long expiresAtMillis);

    void highWater(ByteBuffer nonce, int stream, long highWater);

    void balance(String balanceId, long balance);

    void pointer(String hash, String pointer);
  }
}
