package org.ilptorrent.webtorrent.internal.mse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.junit.jupiter.api.Test;

/** Truncated, garbage and oversized handshakes: a typed error, bounded work, nothing else. */
class MseHostileInputTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static MseResponder responder() {
    return new MseResponder(MseHandshakeTest::lookup, 3, 2, RANDOM);
  }

  @Test
  void truncatedStepsWaitWithoutConsumingWhatTheyNeedWhole() throws Exception {
    MseResponder b = responder();
    ByteBuffer in = ByteBuffer.wrap(new byte[95]);
    assertThat(b.read(in)).isFalse();
    assertThat(in.position()).isZero();
    assertThat(b.takeOutput()).isEmpty();
    MseInitiator a = new MseInitiator(MseHandshakeTest.INFO_HASH, 3, RANDOM);
    ByteBuffer half = ByteBuffer.wrap(Arrays.copyOf(responderStep2(), 50));
    assertThat(a.read(half)).isFalse();
    assertThat(half.position()).isZero();
  }

  @Test
  void garbageAfterThePublicKeyIsRefusedAfterAtMost512BytesOfPadding() throws Exception {
    MseResponder b = responder();
    byte[] garbage = new byte[96 + 2000];
    new Random(3).nextBytes(garbage);
    garbage[0] = 1; // a valid-looking key
    ByteBuffer in = ByteBuffer.wrap(garbage);
    assertThatThrownBy(() -> b.read(in))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: no req1 hash within 512 bytes of padding");
    assertThat(in.position()).isLessThanOrEqualTo(96 + 512 + 20);
  }

  @Test
  void garbageInsteadOfStep4IsRefusedAfterAtMost512BytesOfPadding() throws Exception {
    MseInitiator a = new MseInitiator(MseHandshakeTest.INFO_HASH, 3, RANDOM);
    byte[] garbage = new byte[96 + 700];
    new Random(4).nextBytes(garbage);
    System.arraycopy(MseKeys.generate(RANDOM).publicKey(), 0, garbage, 0, 96);
    // delivered in small reads: the scan keeps its count across them
    ByteBuffer in = ByteBuffer.allocate(garbage.length);
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < garbage.length; i += 10) {
                in.put(garbage, i, Math.min(10, garbage.length - i)).flip();
                a.read(in);
                in.compact();
              }
            })
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: no encrypted verification constant within 512 bytes of padding");
  }

  @Test
  void aPlaintextHandshakeIsToldApartFromAPublicKey() {
    byte[] plain = new byte[68];
    plain[0] = 19;
    System.arraycopy("BitTorrent protocol".getBytes(), 0, plain, 1, 19);
    assertThat(MseResponder.startsPlaintext(ByteBuffer.wrap(plain, 0, 19))).isNull();
    assertThat(MseResponder.startsPlaintext(ByteBuffer.wrap(plain))).isTrue();
    byte[] key = MseKeys.generate(RANDOM).publicKey();
    key[0] = 19; // one key in 256 starts with 19: the next bytes decide
    assertThat(MseResponder.startsPlaintext(ByteBuffer.wrap(key))).isFalse();
  }

  @Test
  void anUnknownTorrentIsRefused() throws Exception {
    MseResponder b = new MseResponder(req2 -> null, 3, 2, RANDOM);
    MseInitiator a = new MseInitiator(MseHandshakeTest.INFO_HASH, 3, RANDOM);
    b.read(ByteBuffer.wrap(a.takeOutput()));
    a.read(ByteBuffer.wrap(b.takeOutput()));
    ByteBuffer step3 = ByteBuffer.wrap(a.takeOutput());
    assertThatThrownBy(() -> b.read(step3))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: the peer asks for a torrent we do not have");
  }

  @Test
  void oversizedPadCWrongVcAndUnofferedSelectAreRefused() throws Exception {
    assertThatThrownBy(() -> responderGets(0, 3, 513))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: PadC of 513 bytes");
    assertThatThrownBy(() -> responderGets(1, 3, 0))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: wrong verification constant in step 3");
    assertThatThrownBy(() -> responderGets(0, 0, 0))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: peer offers crypto 0x0, we accept plaintext or RC4");
  }

  @Test
  void oversizedPadDAndAnUnofferedSelectAreRefusedByTheInitiator() throws Exception {
    assertThatThrownBy(() -> initiatorGets(2, 513))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: PadD of 513 bytes");
    assertThatThrownBy(() -> initiatorGets(1, 0))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: peer selected crypto plaintext, we offered RC4");
    assertThatThrownBy(() -> initiatorGets(6, 0))
        .isInstanceOf(PeerProtocolException.class)
        .hasMessage("MSE: peer selected crypto 0x6, we offered RC4");
  }

  /** A hand-made step 3 with this VC's first byte, crypto_provide and len(PadC). */
  private static void responderGets(int vcByte, int provide, int padC) throws Exception {
    MseResponder b = responder();
    MseKeys a = MseKeys.generate(RANDOM);
    b.read(ByteBuffer.wrap(a.publicKey()));
    byte[] s = a.secret(Arrays.copyOf(b.takeOutput(), 96));
    Rc4 out = new Rc4(MseKeys.rc4Key(true, s, MseHandshakeTest.INFO_HASH));
    ByteBuffer step3 = ByteBuffer.allocate(20 + 20 + 14);
    step3.put(MseKeys.hash("req1", s));
    step3.put(MseKeys.xor(MseKeys.req2(MseHandshakeTest.INFO_HASH), MseKeys.hash("req3", s)));
    byte[] vc = new byte[8];
    vc[0] = (byte) vcByte;
    ByteBuffer plain = ByteBuffer.allocate(14).put(vc).putInt(provide).putShort((short) padC);
    step3.put(out.apply(plain.array())).flip();
    b.read(step3);
  }

  /** A hand-made step 4 with this crypto_select and len(PadD), to an initiator offering RC4. */
  private static void initiatorGets(int select, int padD) throws Exception {
    MseInitiator a = new MseInitiator(MseHandshakeTest.INFO_HASH, 2, RANDOM);
    MseKeys b = MseKeys.generate(RANDOM);
    byte[] s = b.secret(Arrays.copyOf(a.takeOutput(), 96));
    Rc4 out = new Rc4(MseKeys.rc4Key(false, s, MseHandshakeTest.INFO_HASH));
    ByteBuffer step2 = ByteBuffer.allocate(96 + 14);
    step2.put(b.publicKey());
    step2.put(
        out.apply(ByteBuffer.allocate(14).putInt(8, select).putShort(12, (short) padD).array()));
    a.read(step2.flip());
  }

  private static byte[] responderStep2() throws Exception {
    MseResponder b = responder();
    b.read(ByteBuffer.wrap(MseKeys.generate(RANDOM).publicKey()));
    return b.takeOutput();
  }
}
