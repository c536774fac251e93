package org.ilptorrent.verifier.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.server.VerifierStore;

/**
 * Credits and spends as the HTTP handler calls them: a refusal ({@link
 * org.ilptorrent.verifier.VerifierException}, {@link
 * org.ilptorrent.verifier.InvalidReceiptException}, {@link IllegalArgumentException} for a
 * malformed id) may be thrown at once or complete the stage; the stage completes with the new
 * balance once the change is as durable as the store promises, or fails with the {@link
 * IOException} that kept it from being so.
 */
public interface Balances {
  /** {@link VerifierStore#creditReceipt}, answered when durable. */
  CompletionStage<Long> credit(String balanceId, Receipt receipt, Instant now);

  /** {@link VerifierStore#spend}, answered when durable. */
  CompletionStage<Long> spend(
      String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now);

  /**
   * Calls a store of unknown kind, which may block, on {@code executor}; a full executor throws
   * {@link java.util.concurrent.RejectedExecutionException}.
   */
  static Balances blocking(VerifierStore store, Executor executor) {
    return new Balances() {
      @Override
      public CompletionStage<Long> credit(String balanceId, Receipt receipt, Instant now) {
        return CompletableFuture.supplyAsync(
            () -> unchecked(() -> store.creditReceipt(balanceId, receipt, now)), executor);
      }

      @Override
      public CompletionStage<Long> spend(
          String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now) {
        return CompletableFuture.supplyAsync(
            () -> unchecked(() -> store.spend(balanceId, pointerHash, amount, idempotencyKey, now)),
            executor);
      }
    };
  }

  /** A store call that may throw {@link IOException}. */
  interface StoreCall {
    long call() throws IOException;
  }

  private static long unchecked(StoreCall call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
