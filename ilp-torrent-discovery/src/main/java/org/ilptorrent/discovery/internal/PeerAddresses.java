package org.ilptorrent.discovery.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Peer addresses: which ones are worth reporting, and {@code x.pe} values read without DNS. */
public final class PeerAddresses {
  private static final Pattern IPV4_PORT =
      Pattern.compile("([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}):([0-9]{1,5})");
  private static final Pattern IPV6_PORT =
      Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})\\]:([0-9]{1,5})");

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
   * Reads {@code 1.2.3.4:6881} or {@code [::1]:6881}. Host names are refused: reading a magnet
   * never makes a DNS query.
   */
  public static Optional<InetSocketAddress> parseLiteral(String hostPort) {
    if (hostPort == null) {
      return Optional.empty();
    }
    Matcher m4 = IPV4_PORT.matcher(hostPort);
    Matcher m6 = IPV6_PORT.matcher(hostPort);
    String host;
    String port;
    if (m4.matches()) {
      for (String part : m4.group(1).split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
      host = m4.group(1);
      port = m4.group(2);
    } else if (m6.matches() && m6.group(1).contains(":")) {
      host = m6.group(1);
      port = m6.group(2);
    } else {
      return Optional.empty();
    }
    int p = Integer.parseInt(port);
    if (p < 1 || p > 65535) {
      return Optional.empty();
    }
    try {
      // A literal (digits and dots, or containing a colon) is never looked up.
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), p);
      return usable(address) ? Optional.of(address) : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
