package org.ilptorrent.cli.internal;

import java.net.InetSocketAddress;
import org.ilptorrent.magnet.InvalidPeerAddressException;
import org.ilptorrent.magnet.PeerAddress;

/** Reads the {@code --peer HOST:PORT} values of the client commands. */
final class PeerAddresses {
  private PeerAddresses() {}

  /**
   * Parses {@code host:port}, {@code [v6]:port} or {@code a.b.c.d:port} by {@link PeerAddress}'s
   * rule; the host is resolved now so a typo fails before any download starts.
   *
   * @throws IllegalArgumentException naming the value and what is wrong with it
   */
  static InetSocketAddress parse(String text) {
    PeerAddress peer;
    try {
      peer = PeerAddress.parse(text);
    } catch (InvalidPeerAddressException e) {
      throw new IllegalArgumentException("--peer " + e.reason());
    }
    InetSocketAddress address = new InetSocketAddress(peer.host(), peer.port());
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("--peer host does not resolve: '" + peer.host() + "'");
    }
    return address;
  }
}
