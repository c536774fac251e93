package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.server.VerifierStore;

/**
 * A verifier store that reports what the verifier does with balances, so that the demo can show the
 * tracker's spend as it happens and the balance left. Balance ids are secrets: they are not passed
 * on.
 */
final class ObservedVerifierStore implements VerifierStore {
  /** Told of each spend that took money; called on the verifier's request threads. */
  @FunctionalInterface
  interface Listener {
    /** A spend took {@code amount}: the bucket's balance is {@code after}. */
    void onSpent(long amount, long after);
  }

  private final VerifierStore store;
  private final Listener listener;
  private long balance;

  ObservedVerifierStore(VerifierStore store, Listener listener) {
    this.store = store;
    this.listener = listener;
  }

  /** The balance of the bucket last credited or spent from (one buyer in the demo). */
  synchronized long balance() {
    return balance;
  }

  @Override
  public void addNonce(byte[] nonce, String pointerHash, Instant expiresAt) throws IOException {
    store.addNonce(nonce, pointerHash, expiresAt);
  }

  @Override
  public long creditReceipt(String balanceId, Receipt receipt, Instant now) throws IOException {
    long after = store.creditReceipt(balanceId, receipt, now);
    synchronized (this) {
      balance = after;
    }
    return after;
  }

  @Override
  public long spend(
      String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now)
      throws IOException {
    long before;
    synchronized (this) {
      before = balance;
    }
    long after = store.spend(balanceId, pointerHash, amount, idempotencyKey, now);
    synchronized (this) {
      balance = after;
    }
    // A repeated spend with the same idempotency key answers the same balance and takes nothing.
    if (after < before) {
      listener.onSpent(before - after, after);
    }
    return after;
  }

  @Override
  public boolean addPointer(String hash, String pointer, String managementTokenDigest)
      throws IOException {
    return store.addPointer(hash, pointer, managementTokenDigest);
  }

  @Override
  public Optional<String> pointer(String hash) {
    return store.pointer(hash);
  }

  @Override
  public Optional<String> managementTokenDigest(String hash) {
    return store.managementTokenDigest(hash);
  }

  @Override
  public int pointerCount() {
    return store.pointerCount();
  }

  @Override
  public boolean removePointer(String hash) throws IOException {
    return store.removePointer(hash);
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
