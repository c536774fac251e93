package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake;
import org.ilptorrent.webtorrent.internal.pick.BlockStatus;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.wire.Bitfields;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * What peer wire messages mean for a session: availability and interest, request pipelines, blocks
 * into storage, serving requests, choking. Loop thread only.
 */
final class SessionMessages {
  /** Our BEP 10 ids for the extensions we accept. */
  static final int UT_METADATA_ID = 1;

  static final int UT_PEX_ID = 2;

  static final int ILP_ACCESS_ID = AccessGate.ILP_ACCESS_ID;

  /** Before metadata, a peer's {@code have} beyond this index is refused (no huge bitsets). */
  private static final int MAX_EARLY_PIECE = 1 << 19;

  private static final int MAX_SERVED_BLOCK = 128 * 1024;

  private final TorrentSession s;

  SessionMessages(TorrentSession session) {
    this.s = session;
  }

  /**
   * After the handshake: what we have, then the extension handshake. A paid torrent's connection
   * starts locked: HAVE_NONE at most, and our access challenge in the extension handshake.
   */
  void greet(PeerConnection c) throws PeerProtocolException {
    TorrentInfo t = s.metadata;
    PiecePicker<PeerConnection> picker = s.picker;
    AccessGate gate = s.gate;
    if (gate != null) {
      gate.lock(c);
      if (c.fast()) {
        c.sendBare(PeerMessage.HaveNone.INSTANCE);
      }
    } else if (picker != null) {
      BitSet have = picker.have();
      int n = t.pieceCount();
      if (c.fast() && have.cardinality() == n) {
        c.sendBare(PeerMessage.HaveAll.INSTANCE);
      } else if (c.fast() && have.isEmpty()) {
        c.sendBare(PeerMessage.HaveNone.INSTANCE);
      } else if (!have.isEmpty()) {
        c.sendBare(new PeerMessage.Bitfield(Bitfields.toBytes(have, n)));
      }
    } else if (c.fast()) {
      c.sendBare(PeerMessage.HaveNone.INSTANCE);
    }
    if (c.handshake.supportsExtensionProtocol()) {
      Map<String, Integer> m = new java.util.LinkedHashMap<>();
      m.put(ExtensionHandshake.UT_METADATA, UT_METADATA_ID);
      if (t != null && !t.isPrivate() && gate == null) {
        m.put(ExtensionHandshake.UT_PEX, UT_PEX_ID);
      }
      if (gate != null) {
        m.put(ExtensionHandshake.ILP_ACCESS, ILP_ACCESS_ID);
      }
      int port = s.ctx.listenAddress == null ? 0 : s.ctx.listenAddress.getPort();
      c.sendExtended(
          0,
          new ExtensionHandshake(
                  m,
                  port > 0 ? OptionalInt.of(port) : OptionalInt.empty(),
                  java.util.Optional.of("ILP TorrentInfo 0.1.0"),
                  java.util.Optional.of(c.remote.getAddress()),
                  OptionalInt.of(TorrentSession.OUR_REQQ),
                  t == null ? OptionalLong.empty() : OptionalLong.of(t.infoBytes().length),
                  s.isSeeding(),
                  java.util.Optional.ofNullable(c.accessChallenge))
              .encode());
    }
  }

  /** Storage became ready after the peer connected: tell it what we have with {@code have}s. */
  void announceLate(PeerConnection c, BitSet have) {
    for (int i = have.nextSetBit(0); i >= 0; i = have.nextSetBit(i + 1)) {
      c.sendHave(i);
    }
  }

  /** Checks what a peer announced before the metadata came, now that the piece count is known. */
  void checkEarlyPieces(PeerConnection c, int pieceCount) throws PeerProtocolException {
    if (c.earlyBitfield != null) {
      c.peerPieces = Bitfields.toBitSet(c.earlyBitfield, pieceCount);
      c.earlyBitfield = null;
    } else if (c.peerPieces.length() > pieceCount) {
      throw new PeerProtocolException("have beyond the last piece " + (pieceCount - 1));
    }
  }

  /** Hands the peer's known pieces to a picker created after it connected. */
  void feedPicker(PeerConnection c) {
    if (c.peerSeed) {
      s.picker.peerHaveAll(c);
    } else {
      s.picker.peerBitfield(c, c.peerPieces);
    }
  }

  /** Two seeds have nothing to give each other: the connection goes, as in WebTorrent. */
  void closeIfBothSeeding(PeerConnection c) {
    TorrentInfo t = s.metadata;
    if (t != null
        && s.isSeeding()
        && (c.peerSeed || c.peerPieces.cardinality() == t.pieceCount())) {
      c.close("both seeding");
    }
  }

  void onMessage(PeerConnection c, PeerMessage m) throws IOException {
    if (m instanceof PeerMessage.Piece p) {
      onBlock(c, p.piece(), p.begin(), p.block());
    } else if (m instanceof PeerMessage.Request r) {
      onRequest(c, r.piece(), r.begin(), r.length());
    } else if (m instanceof PeerMessage.Have h) {
      onHave(c, h.piece());
    } else if (m instanceof PeerMessage.Choke) {
      c.peerChoking = true;
      if (!c.fast()) {
        dropRequests(c);
      }
    } else if (m instanceof PeerMessage.Unchoke) {
      c.peerChoking = false;
      refill(c);
    } else if (m instanceof PeerMessage.Interested) {
      c.peerInterested = true;
      if (c.amChoking && s.choker.unchokeNow(s.peers)) {
        setChoking(c, false);
      }
    } else if (m instanceof PeerMessage.NotInterested) {
      c.peerInterested = false;
    } else if (m instanceof PeerMessage.Bitfield b) {
      onBitfield(c, b.bits());
    } else if (m instanceof PeerMessage.HaveAll) {
      requireFast(c, "have_all");
      c.peerSeed = true;
      c.peerPieces.clear();
      if (s.picker != null) {
        s.picker.peerHaveAll(c);
        updateInterest(c);
      }
      closeIfBothSeeding(c);
    } else if (m instanceof PeerMessage.HaveNone) {
      requireFast(c, "have_none");
      c.peerSeed = false;
      c.peerPieces.clear();
      if (s.picker != null) {
        s.picker.peerHaveNone(c);
      }
    } else if (m instanceof PeerMessage.Cancel x) {
      if (c.uploads.remove(x.piece(), x.begin(), x.length()) && c.fast()) {
        c.sendReject(x.piece(), x.begin(), x.length());
      }
    } else if (m instanceof PeerMessage.RejectRequest r) {
      requireFast(c, "reject_request");
      if (c.sent.remove(r.piece(), r.begin()) && s.picker != null) {
        s.picker.release(c, r.piece(), r.begin());
      }
    } else if (m instanceof PeerMessage.AllowedFast a) {
      requireFast(c, "allowed_fast");
      TorrentInfo t = s.metadata;
      if (t != null && a.piece() < t.pieceCount()) {
        c.allowedFast.set(a.piece());
        if (c.peerChoking) {
          refill(c);
        }
      }
    } else if (m instanceof PeerMessage.Extended e) {
      onExtended(c, e);
    }
    // keep-alive, port and suggest_piece need nothing
  }

  private static void requireFast(PeerConnection c, String what) throws PeerProtocolException {
    if (!c.fast()) {
      throw new PeerProtocolException(what + " from a peer without the fast extension");
    }
  }

  private void onHave(PeerConnection c, int piece) throws PeerProtocolException {
    TorrentInfo t = s.metadata;
    int limit = t == null ? MAX_EARLY_PIECE : t.pieceCount();
    if (piece >= limit) {
      throw new PeerProtocolException("have " + piece + " beyond the last piece");
    }
    if (c.peerSeed) {
      return;
    }
    c.peerPieces.set(piece);
    if (s.picker != null && s.picker.peerHave(c, piece)) {
      setInterested(c, true);
      refill(c);
    }
    closeIfBothSeeding(c);
  }

  private void onBitfield(PeerConnection c, byte[] bits) throws PeerProtocolException {
    TorrentInfo t = s.metadata;
    if (t == null) {
      c.earlyBitfield = bits;
      return;
    }
    BitSet pieces = Bitfields.toBitSet(bits, t.pieceCount());
    c.peerSeed = Bitfields.isFull(pieces, t.pieceCount());
    c.peerPieces = c.peerSeed ? new BitSet() : pieces;
    if (s.picker != null) {
      feedPicker(c);
      updateInterest(c);
    }
    closeIfBothSeeding(c);
  }

  private void onExtended(PeerConnection c, PeerMessage.Extended e) throws IOException {
    if (e.id() == 0) {
      ExtensionHandshake hs = ExtensionHandshake.decode(e.payload());
      c.utMetadataId = hs.idOf(ExtensionHandshake.UT_METADATA).orElse(0);
      c.utPexId = hs.idOf(ExtensionHandshake.UT_PEX).orElse(0);
      c.listenPort = hs.listenPort().orElse(0);
      if (hs.requestQueue().isPresent()) {
        c.requestQueue = hs.requestQueue();
      }
      if (s.gate != null) {
        s.gate.onHandshake(c, hs);
      }
      c.extensionHandshake = hs;
      s.metadataExchange.onHandshake(c, hs);
    } else if (e.id() == ILP_ACCESS_ID) {
      if (s.gate != null) {
        s.gate.onMessage(c, e.payload());
      }
    } else if (e.id() == UT_METADATA_ID) {
      s.metadataExchange.onMessage(c, e.payload());
    } else if (e.id() == UT_PEX_ID) {
      s.pex.onMessage(c, e.payload());
    }
  }

  // ---- downloading ----

  void setInterested(PeerConnection c, boolean interested) {
    if (c.amInterested != interested && !c.isClosed()) {
      c.amInterested = interested;
      c.sendBare(interested ? PeerMessage.Interested.INSTANCE : PeerMessage.NotInterested.INSTANCE);
    }
  }

  void updateInterest(PeerConnection c) {
    if (s.picker == null || c.isClosed()) {
      return;
    }
    boolean want = s.picker.isInteresting(c);
    setInterested(c, want);
    if (want) {
      refill(c);
    }
  }

  /** Tops up the peer's request pipeline, once a quarter of it has drained. */
  void refill(PeerConnection c) {
    PiecePicker<PeerConnection> picker = s.picker;
    if (picker == null || !c.amInterested || c.isClosed()) {
      return;
    }
    BitSet only = null;
    if (c.peerChoking) {
      if (!c.fast() || c.allowedFast.isEmpty()) {
        return;
      }
      only = c.allowedFast;
    }
    int depth = s.pipeline.depth((long) c.down.rate(), c.requestQueue);
    int outstanding = c.sent.size();
    if (depth - outstanding < Math.max(1, depth / 4)) {
      return;
    }
    int picked =
        picker.pick(
            c,
            depth - outstanding,
            only,
            (piece, begin, length) -> {
              c.sent.add(piece, begin);
              c.sendRequest(piece, begin, length);
            });
    if (picked == 0 && outstanding == 0 && only == null && !picker.isInteresting(c)) {
      setInterested(c, false);
    }
  }

  private void dropRequests(PeerConnection c) {
    if (s.picker != null) {
      s.picker.releaseAll(c);
    }
    c.sent.clear();
  }

  private void onBlock(PeerConnection c, int piece, int begin, ByteBuffer block)
      throws IOException {
    int length = block.remaining();
    c.down.add(length);
    s.onDownloaded(length);
    c.lastBlock = s.ctx.now();
    if (!c.sent.remove(piece, begin)) {
      if (c.fast() && !c.lenient) {
        throw new PeerProtocolException("block " + piece + "/" + begin + " was not requested");
      }
      if (s.picker == null) {
        return;
      }
    }
    PiecePicker<PeerConnection> picker = s.picker;
    if (picker == null) {
      return;
    }
    BlockStatus status =
        picker.onBlock(
            c,
            piece,
            begin,
            length,
            (other, p, b, l) -> {
              other.sendCancel(p, b, l);
              if (!other.fast()) {
                other.sent.remove(p, b);
              }
            });
    switch (status) {
      case ACCEPTED, PIECE_COMPLETE -> {
        s.writeBlock(piece, begin, block);
        s.completion.received(piece, c);
        if (status == BlockStatus.PIECE_COMPLETE && !s.isClosed()) {
          s.completion.verify(piece);
        }
      }
      case INVALID -> throw new PeerProtocolException("block outside the torrent: " + piece);
      default -> {}
    }
    refill(c);
  }

  /** Releases the requests of a peer that sent nothing for a while, so others can take them. */
  void checkSnubbed(PeerConnection c, long now) {
    if (c.sent.size() > 0 && now - c.lastBlock > TorrentSession.SNUB_MILLIS) {
      dropRequests(c);
      c.lenient = true;
      c.lastBlock = now;
      for (PeerConnection p : List.copyOf(s.peers)) {
        refill(p);
      }
    }
  }

  // ---- uploading ----

  private void onRequest(PeerConnection c, int piece, int begin, int length) throws IOException {
    PiecePicker<PeerConnection> picker = s.picker;
    TorrentInfo t = s.metadata;
    boolean valid =
        t != null
            && piece < t.pieceCount()
            && length <= MAX_SERVED_BLOCK
            && (long) begin + length <= s.store().map(st -> st.pieceLength(piece)).orElse(0);
    if (picker == null
        || !valid
        || c.servingLocked
        || !picker.has(piece)
        || c.amChoking
        || c.uploads.isFull()) {
      if (c.fast()) {
        c.sendReject(piece, begin, length);
      }
      return;
    }
    c.uploads.add(piece, begin, length);
    s.pump(c);
  }

  void setChoking(PeerConnection c, boolean choke) {
    if (c.amChoking == choke || c.isClosed() || (!choke && c.servingLocked)) {
      return;
    }
    c.amChoking = choke;
    c.sendBare(choke ? PeerMessage.Choke.INSTANCE : PeerMessage.Unchoke.INSTANCE);
    if (choke) {
      if (c.fast()) {
        c.uploads.drain(c::sendReject);
      } else {
        c.uploads.drain((p, b, l) -> {});
      }
    }
  }

  void rechoke(long now) {
    List<PeerConnection> open = s.peers;
    if (s.gate != null) {
      // a peer without access takes no upload slot
      open = s.peers.stream().filter(p -> !p.servingLocked).toList();
    }
    List<PeerConnection> unchoke = s.choker.rechoke(open, s.isSeeding(), now);
    for (PeerConnection p : List.copyOf(s.peers)) {
      setChoking(p, !unchoke.contains(p));
    }
  }
}
