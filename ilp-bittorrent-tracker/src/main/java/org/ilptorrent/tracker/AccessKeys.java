package org.ilptorrent.tracker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.ilptorrent.magnet.InfoHash;

/**
 * The Ed25519 keys of access tickets, with the JDK's provider only: key pairs, the raw 32-byte
 * public key form the wire and trackers use, a private key's stored form, and the per-connection
 * challenge a peer serving a paid torrent asks the ticket's holder to sign (the {@code ilp_access}
 * extension, see the ilp-webtorrent README).
 */
public final class AccessKeys {
  /** Bytes of a raw Ed25519 public key. */
  public static final int PUBLIC_KEY_LENGTH = 32;

  /** Bytes of an Ed25519 signature. */
  public static final int SIGNATURE_LENGTH = 64;

  /** Bytes of a serving peer's challenge. */
  public static final int CHALLENGE_LENGTH = 32;

  /** What a challenge signature covers first, before the info hash and the challenge. */
  static final byte[] CHALLENGE_DOMAIN =
      "ilp-torrent access challenge v1".getBytes(StandardCharsets.US_ASCII);

  /** The DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410). */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private AccessKeys() {}

  /** A fresh Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
    }
  }

  /** The raw 32-byte form of an Ed25519 public key. */
  public static byte[] raw(PublicKey key) {
    byte[] der = Objects.requireNonNull(key, "key").getEncoded();
    if (der.length != X509_PREFIX.length + PUBLIC_KEY_LENGTH
        || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
  }

  /** The raw public key as 64 lowercase hex digits (what trackers and announces carry). */
  public static String toHex(PublicKey key) {
    return HexFormat.of().formatHex(raw(key));
  }

  /**
   * The public key of 32 raw bytes.
   *
   * @throws IllegalArgumentException when it is not 32 bytes or not a point the JDK accepts
   */
  public static PublicKey publicKey(byte[] raw) {
    if (raw == null || raw.length != PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_LENGTH);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, PUBLIC_KEY_LENGTH);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
  }

  /**
   * The public key of 64 hex digits.
   *
   * @throws IllegalArgumentException when it is not 64 hex digits of a valid key
   */
  public static PublicKey publicKey(String hex) {
    if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("an Ed25519 public key is 64 hex digits");
    }
    return publicKey(HexFormat.of().parseHex(hex));
  }

  /** A private key's stored form (PKCS #8 DER), for a file of mode 0600. */
  public static byte[] encodePrivate(PrivateKey key) {
    return Objects.requireNonNull(key, "key").getEncoded();
  }

  /**
   * A key pair back from {@link #encodePrivate} bytes and the raw public key stored with them.
   *
   * @throws IllegalArgumentException when the bytes are not an Ed25519 private key
   */
  public static KeyPair decodePair(byte[] pkcs8, byte[] rawPublic) {
    try {
      PrivateKey priv =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      PublicKey pub = publicKey(rawPublic);
      // The two must belong together: a stored file mixed up with another would sign in vain.
      byte[] probe = new byte[] {1};
      if (!verify(pub, probe, sign(priv, probe))) {
        throw new IllegalArgumentException("the private and public keys do not match");
      }
      return new KeyPair(pub, priv);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("not an Ed25519 private key");
    }
  }

  /** A fresh random challenge (32 bytes) for one connection. */
  public static byte[] newChallenge(java.security.SecureRandom random) {
    byte[] c = new byte[CHALLENGE_LENGTH];
    random.nextBytes(c);
    return c;
  }

  /**
   * The leecher's answer to a serving peer's challenge: Ed25519 by {@code leecherKey} over ASCII
   * {@code "ilp-torrent access challenge v1"} || info hash (20) || challenge (32).
   */
  public static byte[] signChallenge(PrivateKey leecherKey, InfoHash infoHash, byte[] challenge) {
    return sign(leecherKey, challengeMessage(infoHash, challenge));
  }

  /** Whether {@code signature} answers {@code challenge} for the ticket holder's raw key. */
  public static boolean verifyChallenge(
      byte[] leecherKey, InfoHash infoHash, byte[] challenge, byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    PublicKey key;
    try {
      key = publicKey(leecherKey);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return verify(key, challengeMessage(infoHash, challenge), signature);
  }

  private static byte[] challengeMessage(InfoHash infoHash, byte[] challenge) {
    if (infoHash.version() != 1) {
      throw new IllegalArgumentException("access tickets name a v1 info hash");
    }
    if (challenge == null || challenge.length != CHALLENGE_LENGTH) {
      throw new IllegalArgumentException("a challenge is 32 bytes");
    }
    byte[] hash = infoHash.toBytes();
    byte[] m = Arrays.copyOf(CHALLENGE_DOMAIN, CHALLENGE_DOMAIN.length + 20 + CHALLENGE_LENGTH);
    System.arraycopy(hash, 0, m, CHALLENGE_DOMAIN.length, 20);
    System.arraycopy(challenge, 0, m, CHALLENGE_DOMAIN.length + 20, CHALLENGE_LENGTH);
    return m;
  }

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("not an Ed25519 private key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
    }
  }
}
