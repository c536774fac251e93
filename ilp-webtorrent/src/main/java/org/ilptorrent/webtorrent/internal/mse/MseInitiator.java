package org.ilptorrent.webtorrent.internal.mse;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * The side that dials (A): queues step 1 at once, step 3 as soon as the peer's public key is in,
 * and completes when step 4 has been read. It sends no initial payload (len(IA) = 0), as libtorrent
 * and WebTorrent do: the BitTorrent handshake follows once the peer's crypto_select is known.
 */
public final class MseInitiator extends MseHandshake {
  private enum Step {
    PUBLIC_KEY,
    VC,
    SELECT,
    PAD_D,
    DONE
  }

  private final byte[] infoHash;
  private final int provide;
  private Step step = Step.PUBLIC_KEY;
  private Rc4 in;
  private Rc4 out;
  private byte[] encryptedVc;
  private int selected;
  private int padLeft;

  /**
   * @param infoHash the torrent to ask for (SKEY)
   * @param provide the crypto_provide bits: {@link #RC4}, optionally with {@link #PLAINTEXT}
   */
  public MseInitiator(byte[] infoHash, int provide, SecureRandom random) {
    super(random);
    if (infoHash.length != HASH_LENGTH
        || (provide & RC4) == 0
        || (provide & ~(RC4 | PLAINTEXT)) != 0) {
      throw new IllegalArgumentException("a 20-byte info hash and RC4 (optionally plaintext)");
    }
    this.infoHash = infoHash.clone();
    this.provide = provide;
    send(keys.publicKey());
    send(padding());
  }

  @Override
  public boolean read(ByteBuffer buf) throws PeerProtocolException {
    while (true) {
      switch (step) {
        case PUBLIC_KEY -> {
          byte[] yb = take(buf, MseKeys.KEY_LENGTH);
          if (yb == null) {
            return false;
          }
          sendStep3(keys.secret(yb));
          step = Step.VC;
        }
        case VC -> {
          if (!skipPaddingTo(buf, encryptedVc, "encrypted verification constant")) {
            return false;
          }
          step = Step.SELECT;
        }
        case SELECT -> {
          byte[] raw = take(buf, 6);
          if (raw == null) {
            return false;
          }
          ByteBuffer b = ByteBuffer.wrap(in.apply(raw));
          selected = b.getInt();
          padLeft = Short.toUnsignedInt(b.getShort());
          if ((selected != RC4 && selected != PLAINTEXT) || (selected & provide) == 0) {
            throw new PeerProtocolException(
                "MSE: peer selected crypto "
                    + methods(selected)
                    + ", we offered "
                    + methods(provide));
          }
          if (padLeft > MAX_PADDING) {
            throw new PeerProtocolException("MSE: PadD of " + padLeft + " bytes");
          }
          step = Step.PAD_D;
        }
        case PAD_D -> {
          padLeft = skipEncryptedPadding(buf, in, padLeft);
          if (padLeft > 0) {
            return false;
          }
          result = new MseStream(selected == RC4, in, out, 0, infoHash);
          step = Step.DONE;
        }
        case DONE -> {
          return true;
        }
      }
    }
  }

  private void sendStep3(byte[] secret) {
    out = new Rc4(MseKeys.rc4Key(true, secret, infoHash));
    in = new Rc4(MseKeys.rc4Key(false, secret, infoHash));
    encryptedVc = in.apply(new byte[VC_LENGTH]);
    byte[] padC = padding();
    ByteBuffer plain = ByteBuffer.allocate(VC_LENGTH + 4 + 2 + padC.length + 2);
    plain.put(new byte[VC_LENGTH]).putInt(provide).putShort((short) padC.length).put(padC);
    plain.putShort((short) 0); // len(IA)
    send(MseKeys.hash("req1", secret));
    send(MseKeys.xor(MseKeys.req2(infoHash), MseKeys.hash("req3", secret)));
    send(out.apply(plain.array()));
  }
}
