package org.ilptorrent.webtorrent.webrtc;

import java.util.List;
import java.util.Objects;

/**
 * A STUN or TURN server for ICE, as in the browser's {@code RTCIceServer}.
 *
 * @param urls such as {@code stun:stun.example.org:3478} or {@code turn:turn.example.org}; at least
 *     one
 * @param username for TURN; empty for none
 * @param credential for TURN; empty for none
 */
public record IceServer(List<String> urls, String username, String credential) {
  public IceServer {
    urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("an ICE server needs at least one URL");
    }
    for (String url : urls) {
      if (!url.startsWith("stun:")
          && !url.startsWith("stuns:")
          && !url.startsWith("turn:")
          && !url.startsWith("turns:")) {
        throw new IllegalArgumentException("not a stun:, stuns:, turn: or turns: URL: " + url);
      }
    }
    username = Objects.requireNonNull(username, "username");
    credential = Objects.requireNonNull(credential, "credential");
  }

  /** A server that needs no credentials, such as a STUN server. */
  public static IceServer of(String url) {
    return new IceServer(List.of(url), "", "");
  }
}
