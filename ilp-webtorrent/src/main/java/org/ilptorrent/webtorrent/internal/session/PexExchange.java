package org.ilptorrent.webtorrent.internal.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ilptorrent.parse.Torrent;
import org.ilptorrent.webtorrent.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.ext.PexMessage;

/**
 * ut_pex (BEP 11) for public torrents: once a minute each peer that speaks it gets the listen
 * addresses of our other peers that it has not been told of, and the ones that left; peers it tells
 * us of become candidates. Never for private torrents, nor before the metadata says which it is.
 */
final class PexExchange {
  static final long INTERVAL_MILLIS = 60_000;
  private static final int MAX_ADDED = 50;

  private final TorrentSession s;
  private long last;

  PexExchange(TorrentSession session) {
    this.s = session;
  }

  private boolean allowed() {
    Torrent t = s.metadata;
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
    if (!allowed() || now - last < INTERVAL_MILLIS) {
      return;
    }
    last = now;
    Set<InetSocketAddress> current = new HashSet<>();
    for (PeerConnection p : s.peers) {
      p.listenAddress().ifPresent(current::add);
    }
    for (PeerConnection p : List.copyOf(s.peers)) {
      if (p.utPexId == 0) {
        continue;
      }
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
