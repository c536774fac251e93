package org.ilptorrent.webtorrent.webrtc.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** The little read from session descriptions: the peer's first IP candidate, to name the peer. */
final class Sdp {
  private Sdp() {}

  /** 0.0.0.0:0, for a peer whose description names no IP candidate (only mDNS names, say). */
  static final InetSocketAddress UNKNOWN = new InetSocketAddress(anyLocal(), 0);

  /**
   * The address of the first {@code a=candidate} line whose address is an IP literal. The line is
   * {@code a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ ...}.
   */
  static Optional<InetSocketAddress> firstCandidate(String sdp) {
    for (String line : sdp.split("\r?\n")) {
      if (!line.startsWith("a=candidate:")) {
        continue;
      }
      String[] f = line.split(" ");
      if (f.length < 6) {
        continue;
      }
      Optional<InetAddress> ip = ipLiteral(f[4]);
      try {
        int port = Integer.parseInt(f[5]);
        if (ip.isPresent() && port > 0 && port <= 0xFFFF) {
          return Optional.of(new InetSocketAddress(ip.get(), port));
        }
      } catch (NumberFormatException e) {
        // not a candidate line we can read: try the next
      }
    }
    return Optional.empty();
  }

  private static Optional<InetAddress> ipLiteral(String s) {
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return Optional.empty(); // a host name (mDNS .local): never resolved here
    }
    try {
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static InetAddress anyLocal() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
