package org.ilptorrent.webtorrent.internal.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.ext.PexMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * ut_pex (BEP 11) for public torrents: each peer that speaks it gets, at the first tick after its
 * handshake and then once a minute, the listen addresses of our other peers that it has not been
 * told of, and the ones that left; peers it tells us of become candidates. Never for private
 * torrents, nor before the metadata says which it is.
 */
final class PexExchange {
  static final long INTERVAL_MILLIS = 60_000;
  private static final int MAX_ADDED = 50;

  private final TorrentSession s;

  PexExchange(TorrentSession session) {
    this.s = session;
  }

  private boolean allowed() {
    TorrentInfo t = s.metadata;
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
      s.offerPeer(p.address());
    }
  }

  void tick(long now) {
    if (!allowed()) {
      return;
    }
    Set<InetSocketAddress> current = new HashSet<>();
    for (PeerConnection p : s.peers) {
      p.listenAddress().ifPresent(current::add);
    }
    for (PeerConnection p : List.copyOf(s.peers)) {
      if (p.utPexId == 0 || (p.lastPex != 0 && now - p.lastPex < INTERVAL_MILLIS)) {
        continue;
      }
      p.lastPex = now;
      Set<InetSocketAddress> mine = new HashSet<>(current);
      p.listenAddress().ifPresent(mine::remove);
      List<PexMessage.Peer> added = new ArrayList<>();
      for (InetSocketAddress a : mine) {
        if (!p.pexSent.contains(a) && added.size() < MAX_ADDED) {
          added.add(new PexMessage.Peer(a, 0));
        }
      }
      List<InetSocketAddress> dropped = new ArrayList<>();
      for (InetSocketAddress a : p.pexSent) {
        if (!mine.contains(a) && dropped.size() < MAX_ADDED) {
          dropped.add(a);
        }
      }
      if (added.isEmpty() && dropped.isEmpty()) {
        continue;
      }
      added.forEach(a -> p.pexSent.add(a.address()));
      dropped.forEach(p.pexSent::remove);
      p.sendExtended(p.utPexId, new PexMessage(added, dropped).encode());
    }
  }
}
