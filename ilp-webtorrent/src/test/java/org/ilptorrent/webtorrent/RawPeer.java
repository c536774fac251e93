package org.ilptorrent.webtorrent;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.AccessTicket;
import org.ilptorrent.webtorrent.internal.ext.AccessMessage;
import org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake;
import org.ilptorrent.webtorrent.internal.ext.MetadataMessage;
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.wire.PeerWireDecoder;
import org.ilptorrent.webtorrent.internal.wire.PeerWireEncoder;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;

/**
 * A scripted peer on a blocking socket for the access-ticket tests: it dials, handshakes, asks for
 * everything a leecher would (interested, a block, the metadata), optionally shows a ticket, and
 * records every byte and message that comes back until the other side closes or a deadline passes.
 */
final class RawPeer {
  /** What came back. */
  record Session(
      byte[] bytes,
      List<PeerMessage> messages,
      Map<String, Integer> theirExtensions,
      boolean closed) {
    /** Messages that reveal anything of the torrent: what a locked connection must never carry. */
    List<PeerMessage> revealing() {
      return messages.stream()
          .filter(
              m ->
                  m instanceof PeerMessage.Bitfield
                      || m instanceof PeerMessage.HaveAll
                      || m instanceof PeerMessage.Have
                      || m instanceof PeerMessage.Piece
                      || m instanceof PeerMessage.Unchoke
                      || m instanceof PeerMessage.AllowedFast
                      || (m instanceof PeerMessage.Extended e && isMetadataData(e)))
          .toList();
    }

    private static boolean isMetadataData(PeerMessage.Extended e) {
      if (e.id() != OUR_UT_METADATA) {
        return false;
      }
      try {
        return MetadataMessage.decode(e.payload()) instanceof MetadataMessage.Data;
      } catch (PeerProtocolException x) {
        return false;
      }
    }

    boolean granted() {
      return messages.stream()
          .anyMatch(m -> m instanceof PeerMessage.Extended e && e.id() == OUR_ILP_ACCESS);
    }

    /** The blocks received, concatenated in arrival order. */
    byte[] blockBytes() {
      ByteBuffer all = ByteBuffer.allocate(bytes.length);
      for (PeerMessage m : messages) {
        if (m instanceof PeerMessage.Piece p) {
          all.put(p.block().duplicate());
        }
      }
      return Arrays.copyOf(all.array(), all.position());
    }
  }

  /** How to prove access: a ticket and the key that signs the challenge (null: no proof). */
  record Proof(AccessTicket ticket, PrivateKey key) {}

  static final int OUR_UT_METADATA = 1;
  static final int OUR_ILP_ACCESS = 7;

  private RawPeer() {}

  /**
   * Runs one connection to {@code address}.
   *
   * @param extensions whether to set the BEP 10 bit and send an extension handshake
   * @param proof a proof to show once the challenge arrives, or null
   * @param waitMillis how long to read before giving up on the other side closing
   */
  static Session run(
      InetSocketAddress address,
      InfoHash infoHash,
      boolean extensions,
      Proof proof,
      int blockLength,
      long waitMillis)
      throws IOException {
    ByteBuffer received = ByteBuffer.allocate(8 << 20);
    List<PeerMessage> messages = new ArrayList<>();
    Map<String, Integer>[] theirs = new Map[] {Map.of()};
    boolean closed = false;
    try (Socket s = new Socket()) {
      s.connect(address, 5000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      long reserved = Handshake.FAST_EXTENSION | (extensions ? Handshake.EXTENSION_PROTOCOL : 0);
      ByteBuffer hs = ByteBuffer.allocate(Handshake.LENGTH);
      new Handshake(reserved, infoHash, PeerId.generate(new Random())).writeTo(hs);
      out.write(hs.array());
      if (extensions) {
        send(
            out,
            new PeerMessage.Extended(
                0,
                new ExtensionHandshake(
                        Map.of("ut_metadata", OUR_UT_METADATA, "ilp_access", OUR_ILP_ACCESS),
                        OptionalInt.empty(),
                        Optional.of("raw"),
                        Optional.empty(),
                        OptionalInt.empty(),
                        OptionalLong.empty(),
                        false)
                    .encode()));
      }
      // ask for everything at once, as a greedy peer would
      send(out, PeerMessage.Interested.INSTANCE);
      send(out, new PeerMessage.Request(0, 0, blockLength));
      long deadline = System.currentTimeMillis() + waitMillis;
      byte[] theirHandshake = new byte[Handshake.LENGTH];
      s.setSoTimeout((int) waitMillis);
      try {
        in.readFully(theirHandshake);
        received.put(theirHandshake);
        PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.forPieceCount(1 << 16));
        byte[] chunk = new byte[64 * 1024];
        boolean[] asked = new boolean[1];
        while (System.currentTimeMillis() < deadline) {
          s.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
          int n = in.read(chunk);
          if (n < 0) {
            closed = true;
            break;
          }
          received.put(chunk, 0, n);
          decoder.feed(
              ByteBuffer.wrap(chunk, 0, n),
              m -> {
                messages.add(copy(m));
                if (m instanceof PeerMessage.Extended e && e.id() == 0) {
                  ExtensionHandshake h = ExtensionHandshake.decode(e.payload());
                  theirs[0] = h.extensions();
                  int md = h.idOf("ut_metadata").orElse(0);
                  if (md != 0 && !asked[0]) {
                    asked[0] = true;
                    send(
                        out, new PeerMessage.Extended(md, new MetadataMessage.Request(0).encode()));
                  }
                  int access = h.idOf("ilp_access").orElse(0);
                  if (proof != null && access != 0 && h.accessChallenge().isPresent()) {
                    byte[] sig =
                        AccessKeys.signChallenge(
                            proof.key(), infoHash, h.accessChallenge().orElseThrow());
                    send(
                        out,
                        new PeerMessage.Extended(
                            access,
                            new AccessMessage.Proof(proof.ticket().toBytes(), sig).encode()));
                  }
                } else if (m instanceof PeerMessage.Extended e && e.id() == OUR_ILP_ACCESS) {
                  // granted: ask again now that the door is open
                  send(out, PeerMessage.Interested.INSTANCE);
                } else if (m instanceof PeerMessage.Unchoke) {
                  send(out, new PeerMessage.Request(0, 0, blockLength));
                } else if (m instanceof PeerMessage.Piece) {
                  // one block is proof enough
                  throw new DoneException();
                }
              });
        }
      } catch (SocketTimeoutException e) {
        // the deadline passed with the connection still open
      } catch (DoneException e) {
        // got what we came for
      } catch (java.net.SocketException e) {
        closed = true; // reset by the other side
      }
    }
    return new Session(
        Arrays.copyOf(received.array(), received.position()), messages, theirs[0], closed);
  }

  private static final class DoneException extends IOException {
    DoneException() {
      super("done");
    }
  }

  private static PeerMessage copy(PeerMessage m) {
    if (m instanceof PeerMessage.Piece p) {
      ByteBuffer b = ByteBuffer.allocate(p.block().remaining());
      b.put(p.block().duplicate()).flip();
      return new PeerMessage.Piece(p.piece(), p.begin(), b);
    }
    return m;
  }

  private static void send(OutputStream out, PeerMessage m) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(PeerWireEncoder.encodedLength(m));
    PeerWireEncoder.encode(m, b);
    out.write(b.array(), 0, b.position());
    out.flush();
  }
}
