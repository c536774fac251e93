package org.ilptorrent.tracker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.ilptorrent.magnet.InfoHash;

/**
 * An access ticket: a tracker's word that the holder of a leecher key was admitted to a paid
 * torrent's swarm until an expiry. Issued on an admitted announce that carries {@code leecher_key};
 * shown to a serving peer in the {@code ilp_access} BEP 10 extension together with a signature over
 * that peer's challenge (see {@link AccessKeys#signChallenge}).
 *
 * <pre>
 * offset size
 * 0      1   version = 1
 * 1      20  info hash (v1)
 * 21     32  leecher public key (raw Ed25519)
 * 53     8   expiry, unix seconds, uint64 big endian
 * 61     64  Ed25519 signature by the tracker key over
 *            ASCII "ilp-torrent access ticket v1" || bytes 0..60
 * </pre>
 *
 * In JSON and bencode it travels as 250 lowercase hex digits. Content equality.
 */
public final class AccessTicket {
  /** Bytes of a ticket. */
  public static final int LENGTH = 125;

  /** The only version. */
  public static final int VERSION = 1;

  private static final int SIGNED = 61;
  private static final byte[] DOMAIN =
      "ilp-torrent access ticket v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] bytes;

  private AccessTicket(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Issues a ticket, signed with the tracker's private key.
   *
   * @param leecherKey the leecher's raw 32-byte Ed25519 public key
   * @param expiry when it stops being valid (whole seconds; the fraction is dropped)
   */
  public static AccessTicket issue(
      PrivateKey trackerKey, InfoHash infoHash, byte[] leecherKey, Instant expiry) {
    Objects.requireNonNull(trackerKey, "trackerKey");
    if (infoHash.version() != 1) {
      throw new IllegalArgumentException("access tickets name a v1 info hash");
    }
    if (leecherKey == null || leecherKey.length != AccessKeys.PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException("a leecher key is 32 bytes");
    }
    if (expiry.getEpochSecond() < 0) {
      throw new IllegalArgumentException("expiry before 1970");
    }
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put((byte) VERSION).put(infoHash.toBytes()).put(leecherKey).putLong(expiry.getEpochSecond());
    byte[] out = b.array();
    byte[] signature = AccessKeys.sign(trackerKey, signedMessage(out));
    System.arraycopy(signature, 0, out, SIGNED, AccessKeys.SIGNATURE_LENGTH);
    return new AccessTicket(out);
  }

  /**
   * Reads a ticket's 125 bytes (copied). Only the layout is checked here; {@link #verify} checks
   * the rest.
   *
   * @throws InvalidTicketException ({@code MALFORMED}) when it is not 125 bytes of version 1
   */
  public static AccessTicket parse(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new InvalidTicketException(
          InvalidTicketException.Reason.MALFORMED, "access ticket: not 125 bytes");
    }
    if (bytes[0] != VERSION) {
      throw new InvalidTicketException(
          InvalidTicketException.Reason.MALFORMED, "access ticket: unknown version");
    }
    return new AccessTicket(bytes.clone());
  }

  /** {@link #parse} without the exception. */
  public static Optional<AccessTicket> tryParse(byte[] bytes) {
    try {
      return Optional.of(parse(bytes));
    } catch (InvalidTicketException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a ticket from its 250 hex digits.
   *
   * @throws InvalidTicketException ({@code MALFORMED}) when it is not hex of a ticket
   */
  public static AccessTicket fromHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH || !hex.matches("[0-9a-fA-F]*")) {
      throw new InvalidTicketException(
          InvalidTicketException.Reason.MALFORMED, "access ticket: not 250 hex digits");
    }
    return parse(HexFormat.of().parseHex(hex));
  }

  /**
   * Checks the ticket for a torrent: version, info hash, expiry after {@code now}, and the
   * tracker's signature under {@code trackerKey}.
   *
   * @throws InvalidTicketException naming which check failed
   */
  public void verify(PublicKey trackerKey, InfoHash infoHash, Instant now) {
    Objects.requireNonNull(trackerKey, "trackerKey");
    if (!infoHash().equals(infoHash)) {
      throw new InvalidTicketException(
          InvalidTicketException.Reason.WRONG_TORRENT, "access ticket: for another torrent");
    }
    if (expiryEpochSecond() <= now.getEpochSecond()) {
      throw new InvalidTicketException(
          InvalidTicketException.Reason.EXPIRED, "access ticket: expired");
    }
    byte[] signature = Arrays.copyOfRange(bytes, SIGNED, LENGTH);
    if (!AccessKeys.verify(trackerKey, signedMessage(bytes), signature)) {
      throw new InvalidTicketException(
          InvalidTicketException.Reason.BAD_TRACKER_SIGNATURE,
          "access ticket: not signed by the tracker");
    }
  }

  /**
   * Checks the ticket (as {@link #verify}) and that {@code challengeSignature} signs {@code
   * challenge} with the ticket's leecher key: what a serving peer does before it grants access.
   *
   * @throws InvalidTicketException naming which check failed
   */
  public void verifyHolder(
      PublicKey trackerKey,
      InfoHash infoHash,
      Instant now,
      byte[] challenge,
      byte[] challengeSignature) {
    verify(trackerKey, infoHash, now);
    if (!AccessKeys.verifyChallenge(leecherKey(), infoHash, challenge, challengeSignature)) {
      throw new InvalidTicketException(
          InvalidTicketException.Reason.BAD_CHALLENGE_SIGNATURE,
          "access ticket: challenge not signed by its holder");
    }
  }

  /** The torrent it admits to. */
  public InfoHash infoHash() {
    return InfoHash.of(Arrays.copyOfRange(bytes, 1, 21));
  }

  /** The holder's raw 32-byte Ed25519 public key. */
  public byte[] leecherKey() {
    return Arrays.copyOfRange(bytes, 21, 53);
  }

  /** When it stops being valid. */
  public Instant expiry() {
    long seconds = expiryEpochSecond();
    return seconds < 0 || seconds > Instant.MAX.getEpochSecond()
        ? Instant.MAX
        : Instant.ofEpochSecond(seconds);
  }

  private long expiryEpochSecond() {
    return ByteBuffer.wrap(bytes, 53, 8).getLong();
  }

  /** The 125 bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The 250 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] signedMessage(byte[] ticket) {
    byte[] m = Arrays.copyOf(DOMAIN, DOMAIN.length + SIGNED);
    System.arraycopy(ticket, 0, m, DOMAIN.length, SIGNED);
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessTicket t && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Names the torrent and expiry only; the holder's key is not secret but needs no log line. */
  @Override
  public String toString() {
    return "AccessTicket[" + infoHash().toHex() + ", expires " + expiry() + "]";
  }
}
