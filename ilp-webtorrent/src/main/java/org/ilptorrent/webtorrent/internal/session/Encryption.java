package org.ilptorrent.webtorrent.internal.session;

import java.security.SecureRandom;
import java.util.Arrays;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.webtorrent.EncryptionPolicy;
import org.ilptorrent.webtorrent.internal.mse.MseHandshake;
import org.ilptorrent.webtorrent.internal.mse.MseInitiator;
import org.ilptorrent.webtorrent.internal.mse.MseKeys;
import org.ilptorrent.webtorrent.internal.mse.MseResponder;

/** What an {@link EncryptionPolicy} means for one connection: which handshake, which methods. */
final class Encryption {
  private Encryption() {}

  /** Whether a first dial starts with the MSE handshake. */
  static boolean dialEncrypted(EncryptionPolicy policy) {
    return policy == EncryptionPolicy.PREFER || policy == EncryptionPolicy.REQUIRE;
  }

  /** Whether a dial the peer dropped before its handshake is tried once more the other way. */
  static boolean retriesOtherWay(EncryptionPolicy policy) {
    return policy == EncryptionPolicy.PREFER || policy == EncryptionPolicy.ALLOW;
  }

  static boolean acceptsPlaintext(EncryptionPolicy policy) {
    return policy != EncryptionPolicy.REQUIRE;
  }

  static boolean acceptsMse(EncryptionPolicy policy) {
    return policy != EncryptionPolicy.DISABLE;
  }

  static MseInitiator initiator(EncryptionPolicy policy, InfoHash infoHash, SecureRandom random) {
    int provide =
        policy == EncryptionPolicy.REQUIRE
            ? MseHandshake.RC4
            : MseHandshake.RC4 | MseHandshake.PLAINTEXT;
    return new MseInitiator(infoHash.toBytes(), provide, random);
  }

  /** A responder that finds the torrent among the client's by HASH('req2', info hash). */
  static MseResponder responder(ClientContext ctx) {
    EncryptionPolicy policy = ctx.encryption;
    int accept =
        policy == EncryptionPolicy.REQUIRE
            ? MseHandshake.RC4
            : MseHandshake.RC4 | MseHandshake.PLAINTEXT;
    // Plaintext inside MSE when the peer offers both, as libtorrent and WebTorrent do by default:
    // the handshake is hidden either way, and RC4 would cost more CPU than the whole transfer.
    int prefer = policy == EncryptionPolicy.REQUIRE ? MseHandshake.RC4 : MseHandshake.PLAINTEXT;
    return new MseResponder(
        req2 -> {
          for (InfoHash h : ctx.sessions.keySet()) {
            byte[] bytes = h.toBytes();
            if (Arrays.equals(MseKeys.req2(bytes), req2)) {
              return bytes;
            }
          }
          return null;
        },
        accept,
        prefer,
        ctx.random);
  }
}
