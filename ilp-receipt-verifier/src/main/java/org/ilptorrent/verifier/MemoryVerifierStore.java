package org.ilptorrent.verifier;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.ilptorrent.verifier.internal.VerifierState;

/** A {@link VerifierStore} in memory: fast, and gone when the process ends. Thread-safe. */
public final class MemoryVerifierStore implements VerifierStore {
  private final VerifierState state = new VerifierState();
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
  public synchronized void addNonce(byte[] nonce, Instant expiresAt) {
    state.addNonce(ByteBuffer.wrap(nonce.clone()), expiresAt.toEpochMilli(), clock.millis());
  }

  @Override
  public synchronized long creditReceipt(String balanceId, Receipt receipt, Instant now) {
    return state.credit(balanceId, receipt, now).balance();
  }

  @Override
  public synchronized long spend(String balanceId, long amount) {
    return state.spend(balanceId, amount);
  }

  @Override
  public synchronized void putPointer(String hash, String pointer) {
    state.putPointer(hash, pointer);
  }

  @Override
  public synchronized Optional<String> pointer(String hash) {
    return state.pointer(hash);
  }

  @Override
  public synchronized boolean removePointer(String hash) {
    return state.removePointer(hash);
  }

  @Override
  public void close() {}
}
