package org.ilptorrent.webtorrent.internal.mse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * The side that accepted the connection (B): queues step 2 once the peer's public key is in, finds
 * the torrent from step 3's HASH('req2', SKEY), picks the crypto method, queues step 4 and
 * completes; the peer's initial payload (IA) is left in the buffer for the caller, to be decrypted
 * with the result like the rest of the stream.
 */
public final class MseResponder extends MseHandshake {
  private static final byte[] PLAINTEXT_START =
      ("\u0013BitTorrent protocol").getBytes(StandardCharsets.US_ASCII);

  private enum Step {
    PUBLIC_KEY,
    REQ1,
    REQ2,
    VC,
    PAD_C,
    IA_LENGTH,
    DONE
  }

  private final Function<byte[], byte[]> torrents;
  private final int accept;
  private final int prefer;
  private Step step = Step.PUBLIC_KEY;
  private byte[] secret;
  private byte[] req1;
  private byte[] infoHash;
  private Rc4 in;
  private Rc4 out;
  private int selected;
  private int padLeft;

  /**
   * @param torrents the info hash whose HASH('req2', info hash) is the argument, or null when we
   *     have no such torrent
   * @param accept the crypto methods we accept ({@link #RC4}, {@link #PLAINTEXT} or both)
   * @param prefer the one we select when the peer offers both
   */
  public MseResponder(
      Function<byte[], byte[]> torrents, int accept, int prefer, SecureRandom random) {
    super(random);
    if ((accept & ~(RC4 | PLAINTEXT)) != 0 || accept == 0 || (prefer & accept) != prefer) {
      throw new IllegalArgumentException("accept plaintext and/or RC4, prefer one of them");
    }
    this.torrents = torrents;
    this.accept = accept;
    this.prefer = prefer;
  }

  /**
   * Whether an incoming connection starts with a plaintext BitTorrent handshake ({@code 19
   * "BitTorrent protocol"}) rather than an MSE public key; null until 20 bytes are in. Nothing is
   * consumed.
   */
  public static Boolean startsPlaintext(ByteBuffer in) {
    if (in.remaining() < PLAINTEXT_START.length) {
      return null;
    }
    for (int i = 0; i < PLAINTEXT_START.length; i++) {
      if (in.get(in.position() + i) != PLAINTEXT_START[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean read(ByteBuffer buf) throws PeerProtocolException {
    while (true) {
      switch (step) {
        case PUBLIC_KEY -> {
          byte[] ya = take(buf, MseKeys.KEY_LENGTH);
          if (ya == null) {
            return false;
          }
          secret = keys.secret(ya);
          req1 = MseKeys.hash("req1", secret);
          send(keys.publicKey());
          send(padding());
          step = Step.REQ1;
        }
        case REQ1 -> {
          if (!skipPaddingTo(buf, req1, "req1 hash")) {
            return false;
          }
          step = Step.REQ2;
        }
        case REQ2 -> {
          byte[] masked = take(buf, HASH_LENGTH);
          if (masked == null) {
            return false;
          }
          infoHash = torrents.apply(MseKeys.xor(masked, MseKeys.hash("req3", secret)));
          if (infoHash == null) {
            throw new PeerProtocolException("MSE: the peer asks for a torrent we do not have");
          }
          in = new Rc4(MseKeys.rc4Key(true, secret, infoHash));
          out = new Rc4(MseKeys.rc4Key(false, secret, infoHash));
          step = Step.VC;
        }
        case VC -> {
          byte[] raw = take(buf, VC_LENGTH + 4 + 2);
          if (raw == null) {
            return false;
          }
          ByteBuffer b = ByteBuffer.wrap(in.apply(raw));
          byte[] vc = new byte[VC_LENGTH];
          b.get(vc);
          if (!Arrays.equals(vc, new byte[VC_LENGTH])) {
            throw new PeerProtocolException("MSE: wrong verification constant in step 3");
          }
          int provide = b.getInt();
          padLeft = Short.toUnsignedInt(b.getShort());
          if (padLeft > MAX_PADDING) {
            throw new PeerProtocolException("MSE: PadC of " + padLeft + " bytes");
          }
          selected = select(provide);
          step = Step.PAD_C;
        }
        case PAD_C -> {
          padLeft = skipEncryptedPadding(buf, in, padLeft);
          if (padLeft > 0) {
            return false;
          }
          step = Step.IA_LENGTH;
        }
        case IA_LENGTH -> {
          byte[] raw = take(buf, 2);
          if (raw == null) {
            return false;
          }
          int initialPayload = Short.toUnsignedInt(ByteBuffer.wrap(in.apply(raw)).getShort());
          byte[] padD = padding();
          ByteBuffer step4 = ByteBuffer.allocate(VC_LENGTH + 4 + 2 + padD.length);
          step4.put(new byte[VC_LENGTH]).putInt(selected).putShort((short) padD.length).put(padD);
          send(out.apply(step4.array()));
          result = new MseStream(selected == RC4, in, out, initialPayload, infoHash);
          step = Step.DONE;
        }
        case DONE -> {
          return true;
        }
      }
    }
  }

  private int select(int provide) throws PeerProtocolException {
    if ((provide & prefer) != 0) {
      return prefer;
    }
    int other = provide & accept;
    if ((other & RC4) != 0) {
      return RC4;
    }
    if ((other & PLAINTEXT) != 0) {
      return PLAINTEXT;
    }
    throw new PeerProtocolException(
        "MSE: peer offers crypto " + methods(provide) + ", we accept " + methods(accept));
  }
}
