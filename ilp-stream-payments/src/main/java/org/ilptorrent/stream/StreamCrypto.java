package org.ilptorrent.stream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.interledger.core.SharedSecret;
import org.interledger.stream.StreamUtils;
import org.interledger.stream.crypto.AesGcmStreamEncryptionService;
import org.interledger.stream.crypto.StreamEncryptionService;

/**
 * STREAM's cryptography (RFC 29 section 5.3) over a connection's 32-byte shared secret: packets are
 * sealed with AES-256-GCM under HMAC-SHA256(secret, "ilp_stream_encryption"), and a Prepare's
 * fulfillment is HMAC-SHA256(HMAC-SHA256(secret, "ilp_stream_fulfillment"), data). Backed by
 * Quilt's stream-core, which stays behind this class.
 */
public final class StreamCrypto {
  private static final StreamEncryptionService AES_GCM = new AesGcmStreamEncryptionService();

  private StreamCrypto() {}

  /** Seals a STREAM packet's bytes: IV, tag and ciphertext, as ilp-protocol-stream writes them. */
  public static byte[] encrypt(byte[] sharedSecret, byte[] plaintext) {
    return AES_GCM.encrypt(SharedSecret.of(sharedSecret), plaintext);
  }

  /**
   * Opens sealed STREAM packet bytes.
   *
   * @throws InvalidStreamPacketException when they were not sealed with this secret
   */
  public static byte[] decrypt(byte[] sharedSecret, byte[] ciphertext) {
    if (ciphertext == null || ciphertext.length < 28) {
      throw new InvalidStreamPacketException("data", "too short to be a sealed STREAM packet");
    }
    try {
      return AES_GCM.decrypt(SharedSecret.of(sharedSecret), ciphertext);
    } catch (RuntimeException e) {
      throw new InvalidStreamPacketException("data", "cannot be opened with this shared secret");
    }
  }

  /** The fulfillment of a Prepare whose data is {@code data}. */
  public static byte[] fulfillment(byte[] sharedSecret, byte[] data) {
    return StreamUtils.generatedFulfillableFulfillment(SharedSecret.of(sharedSecret), data)
        .getPreimage();
  }

  /** The execution condition of a fulfillment: its SHA-256. */
  public static byte[] condition(byte[] fulfillment) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(fulfillment);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
