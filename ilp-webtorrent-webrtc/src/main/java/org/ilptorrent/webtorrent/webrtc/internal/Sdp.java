package org.ilptorrent.webtorrent.webrtc.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The little read from session descriptions: the peer's first IP candidate, to name the peer, and
 * the largest data channel message it takes.
 */
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

  /**
   * The largest message the peer takes (RFC 8841 {@code a=max-message-size}), at most {@code cap}:
   * 64 KiB when the description does not say (the RFC's default), {@code cap} when it says 0 (no
   * limit). libwebrtc (Chromium, node's wrtc, webrtc-java) says 262144, Firefox 1073741823.
   */
  static int maxMessageSize(String sdp, int cap) {
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("a=max-message-size:")) {
        try {
          long n = Long.parseLong(line.substring("a=max-message-size:".length()).trim());
          if (n == 0) {
            return cap;
          }
          if (n > 0) {
            return (int) Math.min(n, cap);
          }
        } catch (NumberFormatException e) {
          // unreadable: keep looking, else the default
        }
      }
    }
    return Math.min(DEFAULT_MAX_MESSAGE, cap);
  }

  /** RFC 8841's default when a description has no {@code a=max-message-size}. */
  static final int DEFAULT_MAX_MESSAGE = 64 * 1024;

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
