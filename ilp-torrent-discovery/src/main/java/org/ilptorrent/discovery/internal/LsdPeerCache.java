package org.ilptorrent.discovery.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;

/**
 * Peers heard announcing over LSD, per torrent, whether or not a torrent is registered for them, so
 * that a torrent that starts later learns at once the peers that announced before it (without this
 * two peers starting minutes apart would wait a full interval). Bounded in torrents and peers per
 * torrent, least recently heard forgotten first; a peer is kept for {@code keep}. Thread-safe.
 */
public final class LsdPeerCache {
  private static final int MAX_REMEMBERED_TORRENTS = 1024;
  private static final int MAX_REMEMBERED_PEERS = 16;

  private final Duration keep;
  // Access order: the torrent heard of least recently is forgotten first.
  private final LinkedHashMap<InfoHash, LinkedHashMap<InetSocketAddress, Instant>> heard =
      new LinkedHashMap<>(16, 0.75f, true);

  /** A cache that keeps a peer for {@code keep} after it was last heard. */
  public LsdPeerCache(Duration keep) {
    this.keep = keep;
  }

  /** Remembers that {@code peer} announced {@code infoHash} at {@code now}. */
  public synchronized void remember(InfoHash infoHash, InetSocketAddress peer, Instant now) {
    LinkedHashMap<InetSocketAddress, Instant> peers =
        heard.computeIfAbsent(infoHash, k -> new LinkedHashMap<>());
    peers.remove(peer);
    peers.put(peer, now);
    trim(peers.keySet().iterator(), peers.size() - MAX_REMEMBERED_PEERS);
    trim(heard.keySet().iterator(), heard.size() - MAX_REMEMBERED_TORRENTS);
  }

  /** The peers heard announcing {@code infoHash} within {@code keep} before {@code now}. */
  public synchronized List<InetSocketAddress> heardLately(InfoHash infoHash, Instant now) {
    LinkedHashMap<InetSocketAddress, Instant> peers = heard.get(infoHash);
    if (peers == null) {
      return List.of();
    }
    peers.values().removeIf(t -> !now.isBefore(t.plus(keep)));
    return List.copyOf(peers.keySet());
  }

  private static void trim(Iterator<?> oldestFirst, int excess) {
    for (int i = 0; i < excess; i++) {
      oldestFirst.next();
      oldestFirst.remove();
    }
  }
}
