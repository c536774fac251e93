package org.ilptorrent.webtorrent.internal.mse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ilptorrent.webtorrent.internal.mse.MseHandshake.PLAINTEXT;
import static org.ilptorrent.webtorrent.internal.mse.MseHandshake.RC4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Both roles against each other in memory, bytes delivered in chunks of every size. */
class MseHandshakeTest {
  static final byte[] INFO_HASH = new byte[20];
  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    Arrays.fill(INFO_HASH, (byte) 7);
  }

  /** The torrent lookup a client does: one torrent here. */
  static byte[] lookup(byte[] req2) {
    return Arrays.equals(req2, MseKeys.req2(INFO_HASH)) ? INFO_HASH : null;
  }

  @ParameterizedTest(name = "provide {0}, accept {1}, prefer {2}: {3}")
  @CsvSource({
    "3, 3, 2, 2",
    "3, 3, 1, 1",
    "2, 3, 1, 2",
    "3, 2, 2, 2",
    "2, 2, 2, 2",
    "3, 1, 1, 1",
  })
  void negotiatesAndCarriesThePayload(int provide, int accept, int prefer, int selected)
      throws Exception {
    for (int chunk : new int[] {1, 7, 97, 1 << 16}) {
      MseInitiator a = new MseInitiator(INFO_HASH, provide, RANDOM);
      MseResponder b = new MseResponder(MseHandshakeTest::lookup, accept, prefer, RANDOM);
      Pipe ab = new Pipe();
      Pipe ba = new Pipe();
      ab.write(a.takeOutput());
      boolean aDone = false;
      boolean bDone = false;
      for (int round = 0; round < 10_000 && !(aDone && bDone); round++) {
        bDone = bDone || b.read(ab.next(chunk));
        ba.write(b.takeOutput());
        aDone = aDone || a.read(ba.next(chunk));
        ab.write(a.takeOutput());
      }
      assertThat(aDone && bDone).as("chunk " + chunk).isTrue();
      assertThat(a.result().rc4()).isEqualTo(selected == RC4);
      assertThat(b.result().rc4()).isEqualTo(selected == RC4);
      assertThat(b.result().infoHash()).isEqualTo(INFO_HASH);
      // payload both ways, through what is left in each pipe
      byte[] hello = "hello from A, 19 BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
      ab.write(sealed(a.result(), hello));
      ba.write(sealed(b.result(), hello));
      assertThat(opened(b.result(), ab.rest())).isEqualTo(hello);
      assertThat(opened(a.result(), ba.rest())).isEqualTo(hello);
      if (selected == RC4) {
        assertThat(sealed(a.result(), hello)).isNotEqualTo(hello);
      } else {
        assertThat(sealed(a.result(), hello)).isEqualTo(hello);
      }
    }
  }

  @ParameterizedTest(name = "prefer plaintext={0}")
  @ValueSource(booleans = {true, false})
  void anInitialPayloadIsRc4EvenWhenPlaintextIsSelected(boolean plaintext) throws Exception {
    // A responder given step 3 with len(IA) = 5 by hand: what libtorrent-style peers that put
    // their handshake in IA send. The IA is RC4; what follows is in the selected method.
    MseResponder b =
        new MseResponder(MseHandshakeTest::lookup, 3, plaintext ? PLAINTEXT : RC4, RANDOM);
    MseKeys a = MseKeys.generate(RANDOM);
    Pipe ab = new Pipe();
    ab.write(a.publicKey());
    assertThat(b.read(ab.next(1 << 16))).isFalse();
    byte[] step2 = b.takeOutput();
    byte[] s = a.secret(Arrays.copyOf(step2, 96));
    Rc4 out = new Rc4(MseKeys.rc4Key(true, s, INFO_HASH));
    ab.write(MseKeys.hash("req1", s));
    ab.write(MseKeys.xor(MseKeys.req2(INFO_HASH), MseKeys.hash("req3", s)));
    ByteBuffer step3 = ByteBuffer.allocate(8 + 4 + 2 + 2 + 5);
    step3.put(new byte[8]).putInt(3).putShort((short) 0).putShort((short) 5);
    step3.put("IAIAI".getBytes(StandardCharsets.US_ASCII));
    ab.write(out.apply(step3.array()));
    byte[] after = "after".getBytes(StandardCharsets.US_ASCII);
    ab.write(plaintext ? after : out.apply(after));
    ByteBuffer rest = ab.next(1 << 16);
    assertThat(b.read(rest)).isTrue();
    assertThat(b.result().rc4()).isEqualTo(!plaintext);
    byte[] payload = opened(b.result(), rest);
    assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("IAIAIafter");
  }

  @ParameterizedTest
  @CsvSource({"3, 2", "2, 1"})
  void mismatchedPoliciesFailWithAReason(int provide, int accept) throws Exception {
    MseInitiator a = new MseInitiator(INFO_HASH, provide, RANDOM);
    MseResponder b = new MseResponder(MseHandshakeTest::lookup, accept, accept, RANDOM);
    if (accept == PLAINTEXT) {
      byte[] step1 = a.takeOutput();
      ByteBuffer in = ByteBuffer.wrap(step1);
      b.read(in);
      a.read(ByteBuffer.wrap(b.takeOutput()));
      ByteBuffer step3 = ByteBuffer.wrap(a.takeOutput());
      assertThatThrownBy(() -> b.read(step3))
          .isInstanceOf(PeerProtocolException.class)
          .hasMessage("MSE: peer offers crypto RC4, we accept plaintext");
    } else {
      // RC4 and plaintext offered, RC4 accepted: agrees
      b.read(ByteBuffer.wrap(a.takeOutput()));
      a.read(ByteBuffer.wrap(b.takeOutput()));
      assertThat(b.read(ByteBuffer.wrap(a.takeOutput()))).isTrue();
      assertThat(b.result().rc4()).isTrue();
    }
  }

  static byte[] sealed(MseStream stream, byte[] plain) {
    ByteBuffer b = ByteBuffer.wrap(plain.clone());
    stream.encrypt(b, 0, plain.length);
    return b.array();
  }

  static byte[] opened(MseStream stream, ByteBuffer received) {
    ByteBuffer copy = ByteBuffer.allocateDirect(received.remaining());
    copy.put(received.duplicate()).flip();
    stream.decrypt(copy, 0, copy.limit());
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  /**
   * One direction of a connection: everything written, delivered {@code chunk} bytes at a time
   * after what the reader left unconsumed, as a socket read appends to a buffer.
   */
  static final class Pipe {
    private byte[] all = new byte[0];
    private int consumed;
    private int delivered;
    private ByteBuffer view;

    void write(byte[] bytes) {
      sync();
      byte[] more = Arrays.copyOf(all, all.length + bytes.length);
      System.arraycopy(bytes, 0, more, all.length, bytes.length);
      all = more;
    }

    ByteBuffer next(int chunk) {
      sync();
      delivered = Math.min(all.length, delivered + chunk);
      view = ByteBuffer.wrap(all, consumed, delivered - consumed);
      return view;
    }

    ByteBuffer rest() {
      return next(Integer.MAX_VALUE - all.length);
    }

    private void sync() {
      if (view != null) {
        consumed = view.position();
        view = null;
      }
    }
  }
}
