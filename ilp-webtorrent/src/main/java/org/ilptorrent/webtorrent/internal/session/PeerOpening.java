package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.webtorrent.internal.mse.MseHandshake;
import org.ilptorrent.webtorrent.internal.mse.MseResponder;
import org.ilptorrent.webtorrent.internal.mse.MseStream;
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opening of one {@link PeerConnection}, up to its first peer-wire message: once an outgoing
 * TCP connection is up, MSE step 1 or the BitTorrent handshake; on an incoming one, telling an MSE
 * opening from a plaintext handshake and answering as the policy says (see {@link Encryption});
 * then the peer's BitTorrent handshake, routed by info hash when incoming. It reads from the
 * connection's read buffer and writes into its send buffer.
 *
 * <p>Threads: the client's loop thread only, as its connection.
 */
final class PeerOpening {
  private static final Logger LOG = LoggerFactory.getLogger(PeerOpening.class);

  private final PeerConnection c;
  private boolean handshakeSent;
  private boolean connected;
  private MseHandshake mse;

  PeerOpening(PeerConnection c) {
    this.c = c;
  }

  /** Outgoing: the TCP connection is up; opens with MSE step 1 or the handshake. */
  void connected() throws IOException {
    connected = true;
    if (!c.encryptedDial) {
      sendHandshake();
      return;
    }
    mse = Encryption.initiator(c.ctx.encryption, c.owner.infoHash(), c.ctx.random);
    sendRaw(mse.takeOutput());
    c.flush();
  }

  /**
   * Whether to dial this peer again the other way (MSE or plaintext): an outgoing connection the
   * peer accepted and dropped before its handshake, not itself a retry, under a policy that allows
   * both.
   */
  boolean retriesOtherWay() {
    return c.outgoing
        && connected
        && c.handshake == null
        && !c.retry
        && Encryption.retriesOtherWay(c.ctx.encryption);
  }

  /** Consumes the peer's handshake from {@code in} once whole; false while it is still arriving. */
  boolean readHandshake(ByteBuffer in) throws IOException {
    if (!negotiated(in)) {
      return false;
    }
    if (c.owner == null) {
      Optional<InfoHash> hash = Handshake.peekInfoHash(in);
      if (hash.isEmpty()) {
        return false;
      }
      join(hash.get());
    }
    Optional<Handshake> hs = Handshake.read(in);
    if (hs.isEmpty()) {
      return false;
    }
    if (!hs.get().infoHash().equals(c.owner.infoHash())) {
      throw new PeerProtocolException("handshake for another torrent");
    }
    c.handshakeDone(hs.get());
    return true;
  }

  /**
   * Runs the MSE handshake, if any, on what has arrived; true once the BitTorrent handshake may be
   * read (MSE done and the rest of the buffer decrypted, or a plaintext connection).
   */
  private boolean negotiated(ByteBuffer in) throws IOException {
    if (mse == null && c.crypto == null && !c.outgoing && c.owner == null) {
      Boolean plaintext = MseResponder.startsPlaintext(in);
      if (plaintext == null) {
        return false;
      }
      if (plaintext && !Encryption.acceptsPlaintext(c.ctx.encryption)) {
        throw new PeerProtocolException("plaintext handshake, and encryption is required");
      }
      if (!plaintext) {
        if (!Encryption.acceptsMse(c.ctx.encryption)) {
          throw new PeerProtocolException("not a BitTorrent handshake, and MSE is disabled");
        }
        mse = Encryption.responder(c.ctx);
      }
    }
    if (mse == null) {
      return true;
    }
    boolean done = mse.read(in);
    sendRaw(mse.takeOutput());
    if (!done) {
      return false;
    }
    MseStream crypto = mse.result();
    mse = null;
    crypto.decrypt(in, in.position(), in.limit());
    c.crypto = crypto;
    c.out.encryptFrom(crypto);
    LOG.debug("{}: MSE handshake done, payload in {}", c, crypto);
    if (c.owner == null) {
      join(InfoHash.of(crypto.infoHash()));
    }
    sendHandshake();
    return true;
  }

  /** An incoming connection asks for {@code hash}: joins that torrent, or is refused. */
  private void join(InfoHash hash) throws IOException {
    ConnectionOwner o = c.ctx.route(hash);
    if (o == null || !o.acceptIncoming(c)) {
      throw new PeerProtocolException("no torrent " + hash.toHex() + " here");
    }
    c.owner = o;
    sendHandshake();
  }

  /** Queues bytes of the MSE handshake as they are. */
  private void sendRaw(byte[] bytes) {
    if (bytes.length > 0 && c.room(bytes.length)) {
      c.out.buffer().put(bytes);
    }
  }

  /** Sends our BitTorrent handshake, once. */
  void sendHandshake() throws IOException {
    if (!handshakeSent) {
      handshakeSent = true;
      if (!c.room(Handshake.LENGTH)) {
        return;
      }
      new Handshake(PeerConnection.RESERVED, c.owner.infoHash(), c.ctx.peerId)
          .writeTo(c.out.buffer());
      c.flush();
    }
  }
}
