package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;

/**
 * The upload side of the peer wire: the peer's interest, its requests (queued on its {@link
 * PeerState#uploads}, served by the connection from the store) and cancels, and our choking of it,
 * decided by the {@link Choker}. A connection locked by the {@link AccessGate} is never unchoked
 * and gets no data.
 *
 * <p>Threads: loop thread only.
 */
final class Uploader {
  private static final int MAX_SERVED_BLOCK = 128 * 1024;

  private final TorrentState torrent;
  private final Choker choker;
  private final List<PeerConnection> peers;
  private final BooleanSupplier seeding;

  /**
   * @param peers the torrent's connected peers (a live list)
   * @param seeding whether we have every piece (the choker then ranks peers by upload rate)
   */
  Uploader(
      TorrentState torrent, Choker choker, List<PeerConnection> peers, BooleanSupplier seeding) {
    this.torrent = torrent;
    this.choker = choker;
    this.peers = peers;
    this.seeding = seeding;
  }

  void onInterested(PeerConnection c) {
    c.state.peerInterested = true;
    unchokeIfSlot(c);
  }

  void onNotInterested(PeerConnection c) {
    c.state.peerInterested = false;
  }

  /** Unchokes an interested peer at once while an upload slot is free. */
  void unchokeIfSlot(PeerConnection c) {
    if (c.state.peerInterested && c.state.amChoking && choker.unchokeNow(peers)) {
      setChoking(c, false);
    }
  }

  void onCancel(PeerConnection c, int piece, int begin, int length) {
    if (c.state.uploads.remove(piece, begin, length) && c.fast()) {
      c.sendReject(piece, begin, length);
    }
  }

  void onRequest(PeerConnection c, int piece, int begin, int length) throws IOException {
    PiecePicker<PeerConnection> picker = torrent.picker();
    TorrentInfo t = torrent.metadata();
    PieceStore store = torrent.store();
    PeerState st = c.state;
    boolean valid =
        t != null
            && piece < t.pieceCount()
            && length <= MAX_SERVED_BLOCK
            && (long) begin + length <= (store == null ? 0 : store.pieceLength(piece));
    if (picker == null
        || !valid
        || st.servingLocked
        || !picker.has(piece)
        || st.amChoking
        || st.uploads.isFull()) {
      if (c.fast()) {
        c.sendReject(piece, begin, length);
      }
      return;
    }
    st.uploads.add(piece, begin, length);
    pump(c);
  }

  /** Serves the peer's queued requests while its send buffer has room. */
  void pump(PeerConnection c) throws IOException {
    PieceStore store = torrent.store();
    if (store != null && !c.state.amChoking) {
      c.pumpUploads(store);
    }
  }

  void setChoking(PeerConnection c, boolean choke) {
    PeerState st = c.state;
    if (st.amChoking == choke || c.isClosed() || (!choke && st.servingLocked)) {
      return;
    }
    st.amChoking = choke;
    c.sendBare(choke ? PeerMessage.Choke.INSTANCE : PeerMessage.Unchoke.INSTANCE);
    if (choke) {
      if (c.fast()) {
        st.uploads.drain(c::sendReject);
      } else {
        st.uploads.drain((p, b, l) -> {});
      }
    }
  }

  /** Rechokes when the choker says it is time; once a tick. */
  void tick(long now) {
    if (choker.due(now)) {
      rechoke(now);
    }
  }

  private void rechoke(long now) {
    // a peer without access takes no upload slot (only a paid torrent has such peers)
    List<PeerConnection> open = peers.stream().filter(p -> !p.state.servingLocked).toList();
    List<PeerConnection> unchoke = choker.rechoke(open, seeding.getAsBoolean(), now);
    for (PeerConnection p : List.copyOf(peers)) {
      setChoking(p, !unchoke.contains(p));
    }
  }

  void peerGone(PeerConnection c) {
    choker.gone(c);
  }
}
