package org.ilptorrent.discovery;

/** Where a peer address came from. */
public enum PeerSource {
  /** An HTTP or UDP tracker's answer. */
  TRACKER,
  /** A local service discovery (BEP 14) announce on the local network. */
  LSD,
  /** The magnet link's {@code x.pe} parameter. */
  MAGNET,
  /** A {@link DhtPeerSource} lookup. */
  DHT,
  /** Peer exchange (BEP 11); reported by the client engine, never by {@link Discovery}. */
  PEX,
  /** Added by the application; reported by the client engine, never by {@link Discovery}. */
  MANUAL
}
