package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.wire.Bitfields;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * Where each peer wire message goes: availability, choking by the peer and blocks to the {@link
 * Downloader}; interest, requests and cancels to the {@link Uploader}; extension messages (BEP 10)
 * to the {@link AccessGate}, {@link MetadataExchange} and {@link PexExchange}. Also the greeting
 * after a handshake: what we have, then our extension handshake. It records what the peer's
 * extension handshake says in its {@link PeerState}; all else is the stages' business.
 *
 * <p>Threads: loop thread only.
 */
final class SessionMessages {
  /** Our BEP 10 ids for the extensions we accept. */
  static final int UT_METADATA_ID = 1;

  static final int UT_PEX_ID = 2;

  static final int ILP_ACCESS_ID = AccessGate.ILP_ACCESS_ID;

  private final TorrentState torrent;
  private final Downloader downloader;
  private final Uploader uploader;
  private final AccessGate gate;
  private final MetadataExchange metadataExchange;
  private final PexExchange pex;
  private final IntSupplier listenPort;
  private final BooleanSupplier seeding;

  /**
   * @param listenPort the port we listen on, 0 when unknown
   * @param seeding whether we have every piece
   */
  SessionMessages(
      TorrentState torrent,
      Downloader downloader,
      Uploader uploader,
      AccessGate gate,
      MetadataExchange metadataExchange,
      PexExchange pex,
      IntSupplier listenPort,
      BooleanSupplier seeding) {
    this.torrent = torrent;
    this.downloader = downloader;
    this.uploader = uploader;
    this.gate = gate;
    this.metadataExchange = metadataExchange;
    this.pex = pex;
    this.listenPort = listenPort;
    this.seeding = seeding;
  }

  /**
   * After the handshake: what we have, then the extension handshake. A paid torrent's connection
   * starts locked: HAVE_NONE at most, and our access challenge in the extension handshake.
   */
  void greet(PeerConnection c) throws PeerProtocolException {
    TorrentInfo t = torrent.metadata();
    PiecePicker<PeerConnection> picker = torrent.picker();
    boolean paid = gate.isOn();
    if (paid) {
      gate.lock(c); // a transport's stream stays open: the tracker admitted it
    }
    if (c.state.servingLocked) {
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
      Map<String, Integer> m = new LinkedHashMap<>();
      m.put(ExtensionHandshake.UT_METADATA, UT_METADATA_ID);
      if (t != null && !t.isPrivate() && !paid) {
        m.put(ExtensionHandshake.UT_PEX, UT_PEX_ID);
      }
      if (paid) {
        m.put(ExtensionHandshake.ILP_ACCESS, ILP_ACCESS_ID);
      }
      int port = listenPort.getAsInt();
      c.sendExtended(
          0,
          new ExtensionHandshake(
                  m,
                  port > 0 ? OptionalInt.of(port) : OptionalInt.empty(),
                  Optional.of("ILP TorrentInfo 0.1.0"),
                  Optional.of(c.remote.getAddress()),
                  OptionalInt.of(PeerState.OUR_REQQ),
                  t == null ? OptionalLong.empty() : OptionalLong.of(t.infoBytes().length),
                  seeding.getAsBoolean(),
                  Optional.ofNullable(c.access.challenge))
              .encode());
    }
  }

  /** Storage became ready after the peer connected: tell it what we have with {@code have}s. */
  void announceLate(PeerConnection c, BitSet have) {
    for (int i = have.nextSetBit(0); i >= 0; i = have.nextSetBit(i + 1)) {
      c.sendHave(i);
    }
  }

  void onMessage(PeerConnection c, PeerMessage m) throws IOException {
    if (m instanceof PeerMessage.Piece p) {
      downloader.onBlock(c, p.piece(), p.begin(), p.block());
    } else if (m instanceof PeerMessage.Request r) {
      uploader.onRequest(c, r.piece(), r.begin(), r.length());
    } else if (m instanceof PeerMessage.Have h) {
      downloader.onHave(c, h.piece());
    } else if (m instanceof PeerMessage.Choke) {
      downloader.onChoke(c);
    } else if (m instanceof PeerMessage.Unchoke) {
      downloader.onUnchoke(c);
    } else if (m instanceof PeerMessage.Interested) {
      uploader.onInterested(c);
    } else if (m instanceof PeerMessage.NotInterested) {
      uploader.onNotInterested(c);
    } else if (m instanceof PeerMessage.Bitfield b) {
      downloader.onBitfield(c, b.bits());
    } else if (m instanceof PeerMessage.HaveAll) {
      requireFast(c, "have_all");
      downloader.onHaveAll(c);
    } else if (m instanceof PeerMessage.HaveNone) {
      requireFast(c, "have_none");
      downloader.onHaveNone(c);
    } else if (m instanceof PeerMessage.Cancel x) {
      uploader.onCancel(c, x.piece(), x.begin(), x.length());
    } else if (m instanceof PeerMessage.RejectRequest r) {
      requireFast(c, "reject_request");
      downloader.onReject(c, r.piece(), r.begin());
    } else if (m instanceof PeerMessage.AllowedFast a) {
      requireFast(c, "allowed_fast");
      downloader.onAllowedFast(c, a.piece());
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

  private void onExtended(PeerConnection c, PeerMessage.Extended e) throws IOException {
    if (e.id() == 0) {
      ExtensionHandshake hs = ExtensionHandshake.decode(e.payload());
      PeerState st = c.state;
      st.utMetadataId = hs.idOf(ExtensionHandshake.UT_METADATA).orElse(0);
      st.utPexId = hs.idOf(ExtensionHandshake.UT_PEX).orElse(0);
      st.listenPort = hs.listenPort().orElse(0);
      if (hs.requestQueue().isPresent()) {
        st.requestQueue = hs.requestQueue();
      }
      if (gate.isOn()) {
        gate.onHandshake(c, hs);
      }
      st.extensionHandshake = hs;
      metadataExchange.onHandshake(c, hs);
    } else if (e.id() == ILP_ACCESS_ID) {
      if (gate.isOn()) {
        gate.onMessage(c, e.payload());
      }
    } else if (e.id() == UT_METADATA_ID) {
      metadataExchange.onMessage(c, e.payload());
    } else if (e.id() == UT_PEX_ID) {
      pex.onMessage(c, e.payload());
    }
  }
}
