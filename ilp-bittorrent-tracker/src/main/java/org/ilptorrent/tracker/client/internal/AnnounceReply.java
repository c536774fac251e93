package org.ilptorrent.tracker.client.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.ilptorrent.magnet.License;

/** What an HTTP or UDP tracker answered to an announce. */
public sealed interface AnnounceReply {
  /**
   * Admitted: counts, the re-announce interval and peers.
   *
   * @param interval the re-announce interval, {@code null} when the tracker named none
   * @param minInterval the shortest time between announces the tracker allows, {@code null} when
   *     none
   * @param warning the tracker's {@code warning message}, or {@code null}
   * @param trackerId the tracker's {@code tracker id} to send back, or {@code null}
   * @param accessTicket the {@code access ticket} of a paid torrent (125 bytes), or {@code null}
   * @param ticketKey the raw key (32 bytes) that signed it, or {@code null}
   */
  record Accepted(
      Duration interval,
      Duration minInterval,
      int complete,
      int incomplete,
      List<InetSocketAddress> peers,
      String warning,
      String trackerId,
      byte[] accessTicket,
      byte[] ticketKey)
      implements AnnounceReply {
    public Accepted {
      peers = List.copyOf(peers);
    }

    /** Without a ticket. */
    public Accepted(
        Duration interval,
        Duration minInterval,
        int complete,
        int incomplete,
        List<InetSocketAddress> peers,
        String warning,
        String trackerId) {
      this(interval, minInterval, complete, incomplete, peers, warning, trackerId, null, null);
    }
  }

  /** A {@code failure reason}, or an unreadable answer. */
  record Failure(String message) implements AnnounceReply {}

  /** {@code payment required} with the torrent's licence. */
  record PaymentRequired(License license) implements AnnounceReply {}
}
