package org.ilptorrent.verifier.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ilptorrent.verifier.Receipt;

/**
 * Checks receipts' HMACs for one seed, as {@code Receipt.verify(Receipt.secret(seed, nonce))} does,
 * without its per-call costs: the seed's secret-generation key, HMAC-SHA256(seed,
 * "receipt_secret"), is computed once, and each thread keeps one {@link Mac} ({@code
 * Mac.getInstance} costs more than the two HMACs of a check). Thread-safe.
 */
public final class ReceiptCheck {
  private static final int SIGNED_LENGTH = 26;

  private final SecretKeySpec generator;
  private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(ReceiptCheck::newMac);

  /** Checks receipts whose secrets come from {@code seed}. */
  public ReceiptCheck(byte[] seed) {
    try {
      Mac m = newMac();
      m.init(new SecretKeySpec(seed, "HmacSHA256"));
      byte[] key = m.doFinal("receipt_secret".getBytes(StandardCharsets.US_ASCII));
      this.generator = new SecretKeySpec(key, "HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }

  /** Whether the receipt's HMAC is the one its nonce's secret gives; compared in constant time. */
  public boolean verify(Receipt receipt) {
    byte[] bytes = receipt.toBytes();
    Mac m = mac.get();
    try {
      m.init(generator);
      m.update(bytes, 1, Receipt.NONCE_LENGTH);
      byte[] secret = m.doFinal();
      m.init(new SecretKeySpec(secret, "HmacSHA256"));
      m.update(bytes, 0, SIGNED_LENGTH);
      byte[] expected = m.doFinal();
      return MessageDigest.isEqual(
          expected, Arrays.copyOfRange(bytes, SIGNED_LENGTH, bytes.length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 takes any key", e);
    }
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }
}
