package org.ilptorrent.verifier.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.server.internal.Balances;
import org.ilptorrent.verifier.server.internal.VerifierState;

/**
 * What the stores share: their state in memory, guarded by the store's own monitor, the reads of
 * its pointer registry, which never touch the disk, and credits and spends in two steps (applied
 * now, answered once durable) so that the server can answer them without a thread waiting for the
 * disk. Not an API: each store is still only a {@link VerifierStore}.
 */
abstract class StateVerifierStore implements VerifierStore, NonBlockingStore {
  /** The state; read and changed only while holding this store's monitor. */
  final VerifierState state = new VerifierState();

  StateVerifierStore() {}

  /**
   * Applies a credit now, or throws the refusal {@link #creditReceipt} would; completes with the
   * new balance once the change is as durable as the store promises.
   */
  abstract CompletableFuture<Long> creditLater(String balanceId, Receipt receipt, Instant now);

  /**
   * Applies a spend now, or throws the refusal {@link #spend} would; completes with the balance
   * once the change (or, for a repeat, the spend it repeats) is as durable as the store promises.
   */
  abstract CompletableFuture<Long> spendLater(
      String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now);

  @Override
  public final long creditReceipt(String balanceId, Receipt receipt, Instant now)
      throws IOException {
    return await(creditLater(balanceId, receipt, now));
  }

  @Override
  public final long spend(
      String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now)
      throws IOException {
    return await(spendLater(balanceId, pointerHash, amount, idempotencyKey, now));
  }

  /** Credits and spends of this store for a server that answers them when they complete. */
  @Override
  public Balances balances() {
    return new Balances() {
      @Override
      public CompletionStage<Long> credit(String balanceId, Receipt receipt, Instant now) {
        return creditLater(balanceId, receipt, now);
      }

      @Override
      public CompletionStage<Long> spend(
          String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now) {
        return spendLater(balanceId, pointerHash, amount, idempotencyKey, now);
      }
    };
  }

  /** Waits for a change to be durable; its refusal or I/O error is thrown as is. */
  static <T> T await(CompletableFuture<T> change) throws IOException {
    try {
      return change.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the journal");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw cause instanceof IOException io ? io : new IOException(cause);
    }
  }

  @Override
  public synchronized Optional<String> pointer(String hash) {
    return state.registration(hash).map(VerifierState.Registration::pointer);
  }

  @Override
  public synchronized Optional<String> managementTokenDigest(String hash) {
    return state.registration(hash).map(VerifierState.Registration::tokenDigest);
  }

  @Override
  public synchronized int pointerCount() {
    return state.pointerCount();
  }
}
