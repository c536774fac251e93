package org.ilptorrent.webtorrent.internal.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.ext.PexMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * ut_pex (BEP 11) for public torrents: each peer that speaks it gets, at the first tick after its
 * handshake and then once a minute, the listen addresses of our other peers that it has not been
 * told of, and the ones that left; peers it tells us of become candidates. Never for private
 * torrents, nor before the metadata says which it is.
 *
 * <p>Per peer it keeps {@link Sent} (owned by the connection) and reads the peer's ut_pex id from
 * its {@link PeerState}. Threads: loop thread only.
 */
final class PexExchange {
  static final long INTERVAL_MILLIS = 60_000;
  private static final int MAX_ADDED = 50;

  /** What one peer has been told; owned by its connection, used here only. */
  static final class Sent {
    /** The addresses the peer was told of and not told have left. */
    final Set<InetSocketAddress> addresses = new HashSet<>();

    /** When the peer was last sent a message, 0 for never. */
    long at;
  }

  private final TorrentState torrent;
  private final List<PeerConnection> peers;
  private final Consumer<InetSocketAddress> candidates;

  /**
   * @param peers the torrent's connected peers (a live list)
   * @param candidates takes the addresses peers tell us of
   */
  PexExchange(
      TorrentState torrent, List<PeerConnection> peers, Consumer<InetSocketAddress> candidates) {
    this.torrent = torrent;
    this.peers = peers;
    this.candidates = candidates;
  }

  private boolean allowed() {
    TorrentInfo t = torrent.metadata();
    return t != null && !t.isPrivate();
  }

  void onMessage(PeerConnection c, byte[] payload) throws PeerProtocolException {
    if (!allowed()) {
      return;
    }
    PexMessage m = PexMessage.decode(payload);
    int n = 0;
    for (PexMessage.Peer p : m.added()) {
      if (n++ >= MAX_ADDED) {
        break;
      }
      candidates.accept(p.address());
    }
  }

  void tick(long now) {
    if (!allowed()) {
      return;
    }
    Set<InetSocketAddress> current = new HashSet<>();
    for (PeerConnection p : peers) {
      p.listenAddress().ifPresent(current::add);
    }
    for (PeerConnection p : List.copyOf(peers)) {
      if (p.state.utPexId == 0 || (p.pex.at != 0 && now - p.pex.at < INTERVAL_MILLIS)) {
        continue;
      }
      p.pex.at = now;
      Set<InetSocketAddress> mine = new HashSet<>(current);
      p.listenAddress().ifPresent(mine::remove);
      List<PexMessage.Peer> added = new ArrayList<>();
      for (InetSocketAddress a : mine) {
        if (!p.pex.addresses.contains(a) && added.size() < MAX_ADDED) {
          added.add(new PexMessage.Peer(a, 0));
        }
      }
      List<InetSocketAddress> dropped = new ArrayList<>();
      for (InetSocketAddress a : p.pex.addresses) {
        if (!mine.contains(a) && dropped.size() < MAX_ADDED) {
          dropped.add(a);
        }
      }
      if (added.isEmpty() && dropped.isEmpty()) {
        continue;
      }
      added.forEach(a -> p.pex.addresses.add(a.address()));
      dropped.forEach(p.pex.addresses::remove);
      p.sendExtended(p.state.utPexId, new PexMessage(added, dropped).encode());
    }
  }
}
