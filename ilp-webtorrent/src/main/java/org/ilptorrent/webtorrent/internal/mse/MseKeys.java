package org.ilptorrent.webtorrent.internal.mse;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * The arithmetic of Message Stream Encryption: the 768-bit Diffie-Hellman group (generator 2), our
 * key pair, the shared secret S, and the SHA-1 hashes and RC4 keys the spec derives from S and the
 * info hash (SKEY). Values on the wire are unsigned big-endian, 96 bytes, zero-padded on the left.
 */
public final class MseKeys {
  /** Bytes of a public key or of S on the wire. */
  public static final int KEY_LENGTH = 96;

  /** The spec's prime P (768 bits, the Oakley group 1 prime). */
  static final BigInteger P =
      new BigInteger(
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E"
              + "3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36"
              + "210000000000090563",
          16);

  static final BigInteger G = BigInteger.TWO;

  /** Private keys of 160 bits: the spec asks for at least 128, Vuze and others use 160. */
  private static final int PRIVATE_BITS = 160;

  private final BigInteger privateKey;
  private final byte[] publicKey;

  private MseKeys(BigInteger privateKey) {
    this.privateKey = privateKey;
    this.publicKey = unsigned(G.modPow(privateKey, P));
  }

  /** A fresh random key pair. */
  public static MseKeys generate(SecureRandom random) {
    BigInteger x;
    do {
      x = new BigInteger(PRIVATE_BITS, random);
    } while (x.signum() == 0);
    return new MseKeys(x);
  }

  /** A key pair from a given private key, for known-answer tests. */
  static MseKeys of(BigInteger privateKey) {
    return new MseKeys(privateKey);
  }

  /** Our public key Y = G^X mod P, 96 bytes. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * The shared secret S = Y^X mod P, 96 bytes, from the peer's public key.
   *
   * @throws PeerProtocolException for a degenerate key (0, 1, P-1 or not below P), which would give
   *     a secret an eavesdropper knows
   */
  public byte[] secret(byte[] peerPublicKey) throws PeerProtocolException {
    BigInteger y = new BigInteger(1, peerPublicKey);
    if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(P.subtract(BigInteger.ONE)) >= 0) {
      throw new PeerProtocolException("MSE: degenerate Diffie-Hellman public key");
    }
    return unsigned(y.modPow(privateKey, P));
  }

  /** SHA-1 of the ASCII {@code label} followed by each of {@code parts}. */
  public static byte[] hash(String label, byte[]... parts) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
    sha1.update(label.getBytes(StandardCharsets.US_ASCII));
    for (byte[] p : parts) {
      sha1.update(p);
    }
    return sha1.digest();
  }

  /** HASH('req2', SKEY): what identifies a torrent in step 3, once HASH('req3', S) is removed. */
  public static byte[] req2(byte[] infoHash) {
    return hash("req2", infoHash);
  }

  /** The RC4 key of the side that sent step 1 ({@code keyA}) or step 2 ({@code keyB}). */
  static byte[] rc4Key(boolean initiator, byte[] secret, byte[] infoHash) {
    return hash(initiator ? "keyA" : "keyB", secret, infoHash);
  }

  static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] raw = v.toByteArray(); // may carry a sign byte, or be shorter than 96
    byte[] out = new byte[KEY_LENGTH];
    int n = Math.min(raw.length, KEY_LENGTH);
    System.arraycopy(raw, raw.length - n, out, KEY_LENGTH - n, n);
    return out;
  }
}
