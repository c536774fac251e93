package org.ilptorrent.verifier.server;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.server.internal.VerifierState;

/** A {@link VerifierStore} in memory: fast, and gone when the process ends. Thread-safe. */
public final class MemoryVerifierStore extends StateVerifierStore {
  private final Clock clock;

  /** A store that uses {@code clock} to drop expired nonces. */
  public MemoryVerifierStore(Clock clock) {
    this.clock = clock;
  }

  /** A store on the system clock. */
  public MemoryVerifierStore() {
    this(Clock.systemUTC());
  }

  @Override
  public synchronized void addNonce(byte[] nonce, String pointerHash, Instant expiresAt) {
    state.addNonce(
        ByteBuffer.wrap(nonce.clone()),
        Objects.requireNonNull(pointerHash, "pointerHash"),
        expiresAt.toEpochMilli(),
        clock.millis());
  }

  @Override
  synchronized CompletableFuture<Long> creditLater(String balanceId, Receipt receipt, Instant now) {
    return CompletableFuture.completedFuture(
        state.credit(VerifierState.checkBalanceId(balanceId), receipt, now).balance());
  }

  @Override
  synchronized CompletableFuture<Long> spendLater(
      String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now) {
    VerifierState.checkBalanceId(balanceId);
    String key =
        idempotencyKey == null
            ? null
            : balanceId + "\0" + VerifierState.checkIdempotencyKey(idempotencyKey);
    return CompletableFuture.completedFuture(
        state.spend(balanceId, pointerHash, amount, key, now.toEpochMilli()).balance());
  }

  @Override
  public synchronized boolean addPointer(String hash, String pointer, String tokenDigest) {
    return state.addPointer(hash, pointer, tokenDigest);
  }

  @Override
  public synchronized boolean removePointer(String hash) {
    return state.removePointer(hash);
  }

  @Override
  public void close() {}
}
