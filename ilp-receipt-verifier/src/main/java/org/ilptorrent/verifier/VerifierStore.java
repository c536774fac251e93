package org.ilptorrent.verifier;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a verifier keeps its state: receipt nonces with the highest total credited per stream,
 * balances, and registered payment pointers. Every method is atomic: concurrent credits of one
 * receipt credit it once, and concurrent spends never overdraw a balance. A method returns only
 * once its change is as durable as the store promises.
 *
 * <p>Balance ids are 1 to 128 characters of {@code A-Z a-z 0-9 . _ ~ -}.
 */
public interface VerifierStore extends AutoCloseable {

  /** Allows receipts with {@code nonce} to be credited until {@code expiresAt}. */
  void addNonce(byte[] nonce, Instant expiresAt) throws IOException;

  /**
   * Credits a receipt whose HMAC was checked: its whole total the first time its (nonce, stream) is
   * seen, afterwards only the increase.
   *
   * @return the new balance
   * @throws InvalidReceiptException {@code expired receipt} when the nonce is unknown or expired or
   *     the total is not above what was credited
   * @throws BalanceLimitException when the total or the balance would pass 2^63-1
   */
  long creditReceipt(String balanceId, Receipt receipt, Instant now) throws IOException;

  /**
   * Takes {@code amount} from a balance.
   *
   * @return the new balance
   * @throws UnknownBalanceException when nothing was ever credited to the balance
   * @throws InsufficientBalanceException when the balance is smaller than the amount
   */
  long spend(String balanceId, long amount) throws IOException;

  /** Registers {@code pointer} under {@code hash}. */
  void putPointer(String hash, String pointer) throws IOException;

  /** The pointer registered under {@code hash}. */
  Optional<String> pointer(String hash);

  /** Removes the pointer under {@code hash}; whether there was one. */
  boolean removePointer(String hash) throws IOException;

  @Override
  void close() throws IOException;
}
