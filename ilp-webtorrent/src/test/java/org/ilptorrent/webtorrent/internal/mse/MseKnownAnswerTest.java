package org.ilptorrent.webtorrent.internal.mse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.junit.jupiter.api.Test;

/**
 * Known answers computed outside this code: RC4 by RFC 6229 and by OpenSSL's {@code rc4-40}, the
 * Diffie-Hellman values, hashes and keys by Python's {@code pow} and {@code hashlib}, and the
 * 20-byte-key keystreams by a textbook Python RC4.
 */
class MseKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();

  private static final BigInteger XA =
      new BigInteger("1234567890abcdef1234567890abcdef12345678", 16);
  private static final BigInteger XB =
      new BigInteger("fedcba0987654321fedcba0987654321fedcba09", 16);
  private static final byte[] INFO_HASH = HEX.parseHex("000102030405060708090a0b0c0d0e0f10111213");
  private static final String YA =
      "c44386497c31c0f76d76479d03a6f40c0cdac6c9a709f493da2c7aa8adb2cbfafe6b7833c0ded4ab5a310db1c247"
          + "3066f1d3ef0a9e89f1093e7902f72337396dab1d1276ab9e6d447b62e57de71ec5b528209d8fadff8cb9b0"
          + "d393131aa4a722";
  private static final String YB =
      "1264d66dda8e04907145f55a2e069e6fe7b6995abdf21a846f78a72ef3a047ac1893abacd6e08749eb3d313c3513"
          + "932400d16d22d3003be57dad041c40b07cf9ea5eb0cf1593ac89ba444f17fc66ee7e1d96b5d1fd2136f96b"
          + "92d50bd174ad6f";
  private static final String S =
      "7c1798a6ebab579cdd77e332bbab0901538801b6c73ec83c02a470e4d766ae98d8294d822827ecbac1c0bb7c6c7d"
          + "ea25eb6304393ac9c64e7963ef10cdb532c89da9695e550ced358895ad66b16fae3831b600b2d0e0c03220"
          + "3962b5140224b8";

  @Test
  void rc4DropsTheFirst1024BytesOfKeystream() {
    // RFC 6229, key 0x0102030405: keystream at offset 1024 (also OpenSSL -rc4-40)
    byte[] stream = new Rc4(HEX.parseHex("0102030405")).apply(new byte[16]);
    assertThat(HEX.formatHex(stream)).isEqualTo("30abbcc7c20b01609f23ee2d5f6bb7df");
  }

  @Test
  void rc4InPlaceOnADirectBufferMatchesTheArrayForm() {
    byte[] key = HEX.parseHex("2250506ee3bd66ce6b07a3f841db7301b8b392ed");
    ByteBuffer direct = ByteBuffer.allocateDirect(40);
    direct.position(5).limit(30);
    new Rc4(key).apply(direct, 12, 28);
    assertThat(direct.position()).isEqualTo(5);
    assertThat(direct.limit()).isEqualTo(30);
    byte[] got = new byte[16];
    direct.get(12, got);
    assertThat(HEX.formatHex(got)).isEqualTo("e1cffd39c45e12b2f6c4f0e68254fbca");
    assertThat(direct.get(11)).isZero();
    assertThat(direct.get(28)).isZero();
  }

  @Test
  void diffieHellmanPublicKeysAndSecret() throws Exception {
    MseKeys a = MseKeys.of(XA);
    MseKeys b = MseKeys.of(XB);
    assertThat(HEX.formatHex(a.publicKey())).isEqualTo(YA);
    assertThat(HEX.formatHex(b.publicKey())).isEqualTo(YB);
    assertThat(HEX.formatHex(a.secret(b.publicKey()))).isEqualTo(S);
    assertThat(HEX.formatHex(b.secret(a.publicKey()))).isEqualTo(S);
  }

  @Test
  void publicKeysAreAlwaysNinetySixBytes() {
    // 2^1 = 2: a public key with 95 leading zero bytes
    assertThat(HEX.formatHex(MseKeys.of(BigInteger.ONE).publicKey()))
        .isEqualTo("00".repeat(95) + "02");
  }

  @Test
  void hashesAndRc4Keys() {
    byte[] s = HEX.parseHex(S);
    assertThat(HEX.formatHex(MseKeys.hash("req1", s)))
        .isEqualTo("7f0dce3132c7e0200782c2a288c81c4a3522cdf5");
    assertThat(HEX.formatHex(MseKeys.xor(MseKeys.req2(INFO_HASH), MseKeys.hash("req3", s))))
        .isEqualTo("448f5af850570a4dfb809073980e8c2197330943");
    byte[] keyA = MseKeys.rc4Key(true, s, INFO_HASH);
    byte[] keyB = MseKeys.rc4Key(false, s, INFO_HASH);
    assertThat(HEX.formatHex(keyA)).isEqualTo("2250506ee3bd66ce6b07a3f841db7301b8b392ed");
    assertThat(HEX.formatHex(keyB)).isEqualTo("b4d18d3dde968b79fd4070dd69a0c8fb95f9ab65");
    // what the initiator scans for in step 4: ENCRYPT(VC) under keyB
    assertThat(HEX.formatHex(new Rc4(keyB).apply(new byte[8]))).isEqualTo("280114107b09965b");
  }

  @Test
  void degeneratePublicKeysAreRefused() {
    MseKeys a = MseKeys.of(XA);
    byte[] pMinusOne = MseKeys.P.subtract(BigInteger.ONE).toByteArray();
    for (byte[] bad : new byte[][] {new byte[96], one(), pMinusOne, MseKeys.P.toByteArray()}) {
      assertThatThrownBy(() -> a.secret(bad))
          .isInstanceOf(PeerProtocolException.class)
          .hasMessageContaining("degenerate");
    }
  }

  private static byte[] one() {
    byte[] b = new byte[96];
    b[95] = 1;
    return b;
  }
}
