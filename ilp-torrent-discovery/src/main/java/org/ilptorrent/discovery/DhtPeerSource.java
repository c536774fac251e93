package org.ilptorrent.discovery;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;

/**
 * The seam where a DHT (BEP 5) plugs into {@link Discovery}. This module has no implementation: a
 * later DHT module provides one, shared by every torrent of an application like {@link
 * LocalServiceDiscovery}. {@link Discovery} never uses it for a private torrent.
 *
 * <p>An implementation runs its own threads, looks {@code infoHash} up (announcing {@code port} as
 * it goes) for as long as the lookup is open, and may call {@code onPeer} from any thread, without
 * blocking on it.
 */
public interface DhtPeerSource {
  /**
   * Starts finding peers of {@code infoHash} and announcing this peer at {@code port}.
   *
   * @param onPeer takes each peer found; cheap and thread-safe
   * @return the running lookup; closing it stops it
   * @throws RuntimeException when the lookup cannot start ({@link Discovery} turns it into a {@code
   *     "dht"} warning)
   */
  Lookup lookup(InfoHash infoHash, int port, Consumer<InetSocketAddress> onPeer);

  /** A running lookup. */
  interface Lookup extends AutoCloseable {
    /** Stops the lookup; idempotent. */
    @Override
    void close();
  }
}
