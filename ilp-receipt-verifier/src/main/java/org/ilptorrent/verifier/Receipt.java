package org.ilptorrent.verifier;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STREAM receipt (Interledger RFC 39): proof from a receiver that a stream of a connection has
 * received a total amount. 58 bytes: version 1, a 16-byte nonce, a one-byte stream id, the total as
 * an unsigned 64-bit big-endian integer, and HMAC-SHA256(secret, the first 26 bytes).
 *
 * <p>Immutable; byte arrays are copied in and out.
 */
public final class Receipt {
  /** Receipt length in bytes. */
  public static final int LENGTH = 58;

  /** The only receipt version. */
  public static final int VERSION = 1;

  /** Nonce length in bytes. */
  public static final int NONCE_LENGTH = 16;

  /** Receipt secret length in bytes. */
  public static final int SECRET_LENGTH = 32;

  private static final int SIGNED_LENGTH = 26;
  private static final byte[] SECRET_GENERATION = "receipt_secret".getBytes();

  private final byte[] bytes;

  private Receipt(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Creates and signs a receipt, as a STREAM receiver does.
   *
   * @param totalReceived the stream's total, an unsigned 64-bit integer
   */
  public static Receipt create(byte[] nonce, int streamId, long totalReceived, byte[] secret) {
    if (nonce == null || nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("receipt nonce must be 16 bytes");
    }
    if (streamId < 0 || streamId > 255) {
      throw new IllegalArgumentException("receipt stream id must be 0..255");
    }
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put((byte) VERSION).put(nonce).put((byte) streamId).putLong(totalReceived);
    b.put(hmac(secret, Arrays.copyOf(b.array(), SIGNED_LENGTH)));
    return new Receipt(b.array());
  }

  /**
   * Reads a receipt's bytes (the HMAC is not checked: see {@link #verify(byte[])}).
   *
   * @throws InvalidReceiptException {@code receipt malformed} or {@code invalid version}
   */
  public static Receipt decode(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new InvalidReceiptException(InvalidReceiptException.MALFORMED);
    }
    if (bytes[0] != VERSION) {
      throw new InvalidReceiptException(InvalidReceiptException.INVALID_VERSION);
    }
    return new Receipt(bytes.clone());
  }

  /**
   * Reads a receipt from base64: standard or URL-safe alphabet, with or without padding.
   *
   * @throws InvalidReceiptException {@code receipt malformed} or {@code invalid version}
   */
  public static Receipt fromBase64(String text) {
    if (text == null || text.length() > 100) {
      throw new InvalidReceiptException(InvalidReceiptException.MALFORMED);
    }
    String standard = text.strip().replace('-', '+').replace('_', '/');
    while (standard.endsWith("=")) {
      standard = standard.substring(0, standard.length() - 1);
    }
    try {
      return decode(Base64.getDecoder().decode(standard));
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidReceiptException r) {
        throw r;
      }
      throw new InvalidReceiptException(InvalidReceiptException.MALFORMED);
    }
  }

  /**
   * The receipt secret a verifier with {@code seed} gives a receiver for {@code nonce}:
   * HMAC-SHA256(HMAC-SHA256(seed, "receipt_secret"), nonce).
   */
  public static byte[] secret(byte[] seed, byte[] nonce) {
    return hmac(hmac(seed, SECRET_GENERATION), nonce);
  }

  /** Whether the HMAC matches {@code secret}; compared in constant time. */
  public boolean verify(byte[] secret) {
    byte[] expected = hmac(secret, Arrays.copyOf(bytes, SIGNED_LENGTH));
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, SIGNED_LENGTH, LENGTH));
  }

  /** The nonce the verifier issued (a copy). */
  public byte[] nonce() {
    return Arrays.copyOfRange(bytes, 1, 1 + NONCE_LENGTH);
  }

  /** The stream id, 0..255. */
  public int streamId() {
    return bytes[1 + NONCE_LENGTH] & 0xFF;
  }

  /** The stream's total received, as the raw unsigned 64-bit value. */
  public long totalReceivedBits() {
    return ByteBuffer.wrap(bytes, 2 + NONCE_LENGTH, 8).getLong();
  }

  /** The stream's total received. */
  public BigInteger totalReceived() {
    return new BigInteger(Long.toUnsignedString(totalReceivedBits()));
  }

  /** The 58 bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Standard base64 with padding (80 characters). */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Receipt other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Receipt[stream " + streamId() + ", total " + totalReceived() + "]";
  }

  static byte[] hmac(byte[] key, byte[] message) {
    Objects.requireNonNull(key, "key");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }
}
