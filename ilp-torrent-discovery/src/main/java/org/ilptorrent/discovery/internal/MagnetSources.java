package org.ilptorrent.discovery.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PeerAddress;

/**
 * The trackers ({@code tr}) and peer addresses ({@code x.pe}) of a magnet that discovery can use,
 * and a warning for each one it cannot: a tracker that is not a URI, a peer address that is not an
 * IP literal with a port (a magnet never causes a DNS query).
 */
public record MagnetSources(
    List<URI> trackers, List<InetSocketAddress> peers, List<String> warnings) {

  public MagnetSources {
    trackers = List.copyOf(trackers);
    peers = List.copyOf(peers);
    warnings = List.copyOf(warnings);
  }

  /** Reads the magnet's trackers and peers, in order. */
  public static MagnetSources of(MagnetUri magnet) {
    List<URI> trackers = new ArrayList<>();
    List<InetSocketAddress> peers = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String tracker : magnet.announce()) {
      try {
        trackers.add(new URI(tracker));
      } catch (URISyntaxException e) {
        warnings.add("ignored the tracker " + tracker + ": not a URI");
      }
    }
    for (PeerAddress peer : magnet.peerAddresses()) {
      PeerAddresses.dialable(peer)
          .ifPresentOrElse(
              peers::add,
              () ->
                  warnings.add(
                      "ignored the peer address " + peer + ": not an IP address with a port"));
    }
    return new MagnetSources(trackers, peers, warnings);
  }
}
