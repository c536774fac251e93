package org.ilptorrent.discovery.internal;

import java.net.InetSocketAddress;
import org.ilptorrent.discovery.DhtPeerSource;
import org.ilptorrent.discovery.PeerSource;
import org.ilptorrent.magnet.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources of a public torrent besides its trackers: its registration at the shared LSD endpoint
 * and its DHT lookup, joined on start and left on stop. Not thread-safe: the discovery calls it
 * under its own lock.
 */
public final class LocalSources {
  private static final Logger LOG = LoggerFactory.getLogger(LocalSources.class);
  private static final String LSD = "lsd";
  private static final String DHT = "dht";

  private final InfoHash infoHash;
  private final int port;
  private final LsdEndpoint lsd;
  private final DhtPeerSource dht;
  private final DiscoveryEvents events;
  private LsdEndpoint.Registration lsdRegistration;
  private DhtPeerSource.Lookup dhtLookup;

  /**
   * @param lsd the shared LSD endpoint, or {@code null} for none
   * @param dht the DHT, or {@code null} for none
   */
  public LocalSources(
      InfoHash infoHash, int port, LsdEndpoint lsd, DhtPeerSource dht, DiscoveryEvents events) {
    this.infoHash = infoHash;
    this.port = port;
    this.lsd = lsd;
    this.dht = dht;
    this.events = events;
  }

  /** Registers with LSD and starts a DHT lookup; a source that cannot start is a warning. */
  public void join() {
    if (lsd != null) {
      try {
        lsdRegistration = lsd.register(infoHash, port, new LsdEvents());
      } catch (IllegalStateException e) {
        events.warning(LSD, "the local service discovery endpoint is closed");
      }
    }
    if (dht != null) {
      try {
        dhtLookup = dht.lookup(infoHash, port, p -> events.peer(p, PeerSource.DHT));
      } catch (RuntimeException e) {
        LOG.debug("DHT lookup for {} failed to start", infoHash, e);
        events.warning(DHT, "the DHT lookup could not start: " + e.getMessage());
      }
    }
  }

  /** Leaves LSD and ends the DHT lookup. Idempotent. */
  public void leave() {
    if (lsdRegistration != null) {
      lsdRegistration.close();
      lsdRegistration = null;
    }
    if (dhtLookup != null) {
      try {
        dhtLookup.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the DHT lookup of {} failed", infoHash, e);
      }
      dhtLookup = null;
    }
  }

  /** What the shared LSD endpoint tells this torrent. */
  private final class LsdEvents implements LsdEndpoint.Subscriber {
    @Override
    public void onPeer(InetSocketAddress peer) {
      events.peer(peer, PeerSource.LSD);
    }

    @Override
    public void onWarning(String message) {
      events.warning(LSD, message);
    }
  }
}
