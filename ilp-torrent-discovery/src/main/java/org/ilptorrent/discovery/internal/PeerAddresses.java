package org.ilptorrent.discovery.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.ilptorrent.magnet.PeerAddress;

/**
 * Which peer addresses are worth reporting. How an address is written and read is {@link
 * PeerAddress}'s rule; this class only says which ones can be dialled.
 */
public final class PeerAddresses {
  private PeerAddresses() {}

  /**
   * Whether a peer can be dialled: a resolved unicast address that is not the wildcard, and a port
   * in 1..65535.
   */
  public static boolean usable(InetSocketAddress peer) {
    if (peer == null || peer.isUnresolved() || peer.getPort() < 1 || peer.getPort() > 65535) {
      return false;
    }
    InetAddress a = peer.getAddress();
    return !a.isAnyLocalAddress() && !a.isMulticastAddress();
  }

  /**
   * A magnet's peer address as a socket address to dial, when it is a {@link #usable} IP address.
   * Host names give nothing: reading a magnet never makes a DNS query.
   */
  public static Optional<InetSocketAddress> dialable(PeerAddress peer) {
    if (!peer.isIpLiteral()) {
      return Optional.empty();
    }
    InetSocketAddress address = peer.toInetSocketAddress();
    return usable(address) ? Optional.of(address) : Optional.empty();
  }
}
