package org.ilptorrent.webtorrent.internal.mse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * The Message Stream Encryption handshake (the "PE/MSE" spec of Azureus/Vuze, used by libtorrent,
 * Transmission and WebTorrent) as a pure, incremental state machine: the caller feeds whatever
 * bytes arrived ({@link #read}) and sends whatever the machine queued ({@link #takeOutput}); no
 * I/O, clock or threads here, so it runs inside a non-blocking event loop.
 *
 * <pre>
 * 1 A->B  Ya (96) | PadA (0..512)
 * 2 B->A  Yb (96) | PadB (0..512)
 * 3 A->B  HASH('req1', S) | HASH('req2', SKEY) xor HASH('req3', S)
 *         | ENCRYPT(VC (8 zero bytes) | crypto_provide (4) | len(PadC) (2) | PadC | len(IA) (2)) | ENCRYPT(IA)
 * 4 B->A  ENCRYPT(VC | crypto_select (4) | len(PadD) (2) | PadD) | payload
 * 5 A->B  payload
 * </pre>
 *
 * A padding's length is not sent in steps 1 and 2, so the reader finds the end of it by scanning
 * for what follows (req1's hash, or the encrypted VC) within {@link #MAX_PADDING} bytes: every step
 * has a bounded size, and a peer that sends more without the marker is refused.
 */
public abstract sealed class MseHandshake permits MseInitiator, MseResponder {
  /** The longest padding (PadA..PadD) the spec allows, and the longest we scan through. */
  public static final int MAX_PADDING = 512;

  /** crypto_provide / crypto_select bit: payload in plaintext after the handshake. */
  public static final int PLAINTEXT = 0x01;

  /** crypto_provide / crypto_select bit: payload in RC4. */
  public static final int RC4 = 0x02;

  static final int VC_LENGTH = 8;
  static final int HASH_LENGTH = 20;

  final SecureRandom random;
  final MseKeys keys;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private int scanned;
  MseStream result;

  MseHandshake(SecureRandom random) {
    this.random = random;
    this.keys = MseKeys.generate(random);
  }

  /**
   * Consumes what it can of {@code in} (between its position and limit); bytes it needs more of
   * stay unconsumed. Once it returns true the handshake is complete, {@link #result()} is set and
   * what remains in {@code in} is payload as received (decrypt it with the result).
   *
   * @throws PeerProtocolException when the peer breaks the protocol or our policy
   */
  public abstract boolean read(ByteBuffer in) throws PeerProtocolException;

  /** The bytes queued for the peer since the last call (possibly none). */
  public byte[] takeOutput() {
    byte[] out = output.toByteArray();
    output.reset();
    return out;
  }

  /** The negotiated stream once {@link #read} returned true; null before. */
  public MseStream result() {
    return result;
  }

  void send(byte[] bytes) {
    output.writeBytes(bytes);
  }

  /** Random padding of 0 to {@link #MAX_PADDING} random bytes. */
  byte[] padding() {
    byte[] pad = new byte[random.nextInt(MAX_PADDING + 1)];
    random.nextBytes(pad);
    return pad;
  }

  /** {@code n} bytes from {@code in}, or null (nothing consumed) while fewer have arrived. */
  static byte[] take(ByteBuffer in, int n) {
    if (in.remaining() < n) {
      return null;
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  /**
   * Skips padding up to and including {@code marker}; true once it is consumed. Bytes that cannot
   * start the marker are consumed as they come, so at most {@link #MAX_PADDING} + marker bytes are
   * ever looked at.
   */
  boolean skipPaddingTo(ByteBuffer in, byte[] marker, String what) throws PeerProtocolException {
    int at = indexOf(in, marker);
    int skip = at >= 0 ? at - in.position() : Math.max(0, in.remaining() - (marker.length - 1));
    scanned += skip;
    if (scanned > MAX_PADDING) {
      throw new PeerProtocolException(
          "MSE: no " + what + " within " + MAX_PADDING + " bytes of padding");
    }
    if (at < 0) {
      in.position(in.position() + skip);
      return false;
    }
    in.position(at + marker.length);
    scanned = 0;
    return true;
  }

  private static int indexOf(ByteBuffer in, byte[] marker) {
    int last = in.limit() - marker.length;
    outer:
    for (int i = in.position(); i <= last; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (in.get(i + j) != marker[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Consumes up to {@code left} bytes of padding through {@code cipher}; what is still to come. */
  static int skipEncryptedPadding(ByteBuffer in, Rc4 cipher, int left) {
    int n = Math.min(left, in.remaining());
    cipher.apply(in, in.position(), in.position() + n);
    in.position(in.position() + n);
    return left - n;
  }

  static String methods(int bits) {
    return switch (bits) {
      case PLAINTEXT -> "plaintext";
      case RC4 -> "RC4";
      case PLAINTEXT | RC4 -> "plaintext or RC4";
      default -> String.format("0x%x", bits);
    };
  }
}
