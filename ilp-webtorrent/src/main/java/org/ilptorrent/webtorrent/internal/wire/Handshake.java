package org.ilptorrent.webtorrent.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;

/**
 * The 68-byte BEP 3 handshake: {@code 19 "BitTorrent protocol"}, 8 reserved bytes, the info hash
 * and the peer id. Reserved bits are kept as a big-endian {@code long}, byte 0 in the top bits.
 *
 * @param reserved the reserved bytes, byte 0 most significant
 * @param infoHash the torrent (v1, 20 bytes)
 * @param peerId the sender
 */
public record Handshake(long reserved, InfoHash infoHash, PeerId peerId) {
  /** Bytes of a handshake on the wire. */
  public static final int LENGTH = 68;

  /** BEP 10: bit 0x10 of reserved byte 5. */
  public static final long EXTENSION_PROTOCOL = 0x10L << 16;

  /** BEP 6: bit 0x04 of reserved byte 7. */
  public static final long FAST_EXTENSION = 0x04L;

  /** BEP 5: bit 0x01 of reserved byte 7. */
  public static final long DHT = 0x01L;

  private static final byte[] PROTOCOL =
      "\u0013BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

  /** Checks that the info hash is a v1 (SHA-1) hash. */
  public Handshake {
    Objects.requireNonNull(infoHash, "infoHash");
    Objects.requireNonNull(peerId, "peerId");
    if (infoHash.version() != 1) {
      throw new IllegalArgumentException("the wire handshake carries a v1 info hash");
    }
  }

  /** Whether the sender speaks the extension protocol (BEP 10). */
  public boolean supportsExtensionProtocol() {
    return (reserved & EXTENSION_PROTOCOL) != 0;
  }

  /** Whether the sender speaks the fast extension (BEP 6). */
  public boolean supportsFastExtension() {
    return (reserved & FAST_EXTENSION) != 0;
  }

  /** Whether the sender runs a DHT node (BEP 5). */
  public boolean supportsDht() {
    return (reserved & DHT) != 0;
  }

  /** Writes the 68 bytes into {@code out}. */
  public void writeTo(ByteBuffer out) {
    out.put(PROTOCOL).putLong(reserved).put(infoHash.toBytes()).put(peerId.toBytes());
  }

  /**
   * The info hash of a handshake still arriving, once its first 48 bytes are there, so that the
   * accepting side can pick the torrent (or refuse) before the peer id comes. Consumes nothing.
   *
   * @throws PeerProtocolException when the protocol string is wrong
   */
  public static Optional<InfoHash> peekInfoHash(ByteBuffer in) throws PeerProtocolException {
    checkProtocol(in);
    if (in.remaining() < PROTOCOL.length + 8 + 20) {
      return Optional.empty();
    }
    byte[] hash = new byte[20];
    in.get(in.position() + PROTOCOL.length + 8, hash);
    return Optional.of(InfoHash.of(hash));
  }

  /**
   * Reads a handshake from the start of {@code in}. With fewer than 68 bytes available nothing is
   * consumed and the result is empty; the bytes that are there are still checked, so a peer that
   * does not speak BitTorrent is refused at once.
   *
   * @throws PeerProtocolException when the protocol string is wrong
   */
  public static Optional<Handshake> read(ByteBuffer in) throws PeerProtocolException {
    checkProtocol(in);
    int p = in.position();
    if (in.remaining() < LENGTH) {
      return Optional.empty();
    }
    in.position(p + PROTOCOL.length);
    long reserved = in.getLong();
    byte[] hash = new byte[20];
    in.get(hash);
    byte[] id = new byte[PeerId.LENGTH];
    in.get(id);
    return Optional.of(new Handshake(reserved, InfoHash.of(hash), PeerId.of(id)));
  }

  private static void checkProtocol(ByteBuffer in) throws PeerProtocolException {
    int p = in.position();
    int check = Math.min(in.remaining(), PROTOCOL.length);
    for (int i = 0; i < check; i++) {
      if (in.get(p + i) != PROTOCOL[i]) {
        throw new PeerProtocolException(
            "not a BitTorrent handshake: byte "
                + i
                + " is 0x"
                + Integer.toHexString(in.get(p + i) & 0xFF));
      }
    }
  }
}
