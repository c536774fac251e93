package org.ilptorrent.verifier.server;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.ilptorrent.verifier.BalanceLimitException;
import org.ilptorrent.verifier.IdempotencyKeyReusedException;
import org.ilptorrent.verifier.InsufficientBalanceException;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.UnknownBalanceException;

/**
 * Where a verifier keeps its state: receipt nonces (each bound to the proxy hash whose SPSP query
 * issued it) with the highest total credited per stream, balances per (balance id, proxy hash)
 * bucket, remembered idempotent spends, and registered payment pointers. Every method is atomic:
 * concurrent credits of one receipt credit it once, concurrent spends never overdraw a bucket, and
 * concurrent spends with one idempotency key debit once. A method returns only once its change is
 * as durable as the store promises.
 *
 * <p>Balance ids are 1 to 128 characters of {@code A-Z a-z 0-9 . _ ~ -}; proxy hashes are 64
 * lowercase hex characters.
 */
public interface VerifierStore extends AutoCloseable {

  /**
   * Allows receipts with {@code nonce} to be credited until {@code expiresAt}, to the bucket of
   * {@code pointerHash} (the proxy hash that answered the SPSP query).
   */
  void addNonce(byte[] nonce, String pointerHash, Instant expiresAt) throws IOException;

  /**
   * Credits a receipt whose HMAC was checked to the bucket (balance id, its nonce's proxy hash):
   * its whole total the first time its (nonce, stream) is seen, afterwards only the increase.
   *
   * @return the bucket's new balance
   * @throws InvalidReceiptException {@code expired receipt} when the nonce is unknown or expired or
   *     the total is not above what was credited
   * @throws BalanceLimitException when the total or the balance would pass 2^63-1
   */
  long creditReceipt(String balanceId, Receipt receipt, Instant now) throws IOException;

  /**
   * Takes {@code amount} from the bucket (balance id, {@code pointerHash}), or with a null hash
   * from the sum of all the balance's buckets (the @coil/receipt-verifier behaviour).
   *
   * @param idempotencyKey null, or a key (1 to 128 characters of {@code A-Z a-z 0-9 . _ ~ -}): the
   *     first successful spend with it is remembered for at least 7 days, and a repeat with the
   *     same amount and pointer answers the same balance without debiting again
   * @return the new balance (of the bucket, or the sum)
   * @throws UnknownBalanceException when nothing was ever credited to the bucket (or balance)
   * @throws InsufficientBalanceException when the balance is smaller than the amount
   * @throws IdempotencyKeyReusedException when the key was used with another amount or pointer
   */
  long spend(String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now)
      throws IOException;

  /**
   * Registers {@code pointer} under {@code hash} with the digest of its management token ({@code
   * null}: none), unless a pointer is registered under {@code hash} already.
   *
   * @return whether it was added
   */
  boolean addPointer(String hash, String pointer, String managementTokenDigest) throws IOException;

  /** Registers {@code pointer} under {@code hash} without a management token. */
  default void putPointer(String hash, String pointer) throws IOException {
    addPointer(hash, pointer, null);
  }

  /** The pointer registered under {@code hash}. */
  Optional<String> pointer(String hash);

  /** The digest of the management token of the pointer under {@code hash}, if it has one. */
  Optional<String> managementTokenDigest(String hash);

  /** How many pointers are registered. */
  int pointerCount();

  /** Removes the pointer under {@code hash}; whether there was one. */
  boolean removePointer(String hash) throws IOException;

  @Override
  void close() throws IOException;
}
