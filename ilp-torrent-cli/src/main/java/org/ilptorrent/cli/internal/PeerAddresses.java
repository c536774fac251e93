package org.ilptorrent.cli.internal;

import java.net.InetSocketAddress;

/** Reads the {@code --peer HOST:PORT} values of the client commands. */
final class PeerAddresses {
  private PeerAddresses() {}

  /**
   * Parses {@code host:port}, {@code [v6]:port} or {@code a.b.c.d:port}; the host is resolved now
   * so a typo fails before any download starts.
   *
   * @throws IllegalArgumentException naming the value and what is wrong with it
   */
  static InetSocketAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("--peer must be HOST:PORT, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "--peer with an IPv6 address must be [ADDR]:PORT, got '" + text + "'");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "--peer port must be 1..65535, got '" + text.substring(colon + 1) + "'");
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("--peer host does not resolve: '" + host + "'");
    }
    return address;
  }
}
