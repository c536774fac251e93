package org.ilptorrent.tracker.client.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Picks the transport for an announce URL by its scheme. */
public final class Sessions {
  private Sessions() {}

  /** A session for {@code tracker}, or empty for a scheme no transport speaks. */
  public static Optional<TrackerSession> create(URI tracker, ClientContext context) {
    String scheme = tracker.getScheme() == null ? "" : tracker.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "ws", "wss" -> Optional.of(new WsSession(tracker, context));
      case "http", "https" -> Optional.of(new HttpSession(tracker, context));
      case "udp" -> Optional.of(new UdpSession(tracker, context));
      default -> Optional.empty();
    };
  }
}
