package org.ilptorrent.tracker.server;

/**
 * A snapshot of a tracker, as served at {@code GET /stats}.
 *
 * @param torrents torrents with at least one peer
 * @param seeders peers that have the whole torrent
 * @param leechers peers still downloading
 * @param peersIPv4 HTTP and UDP peers with an IPv4 address
 * @param peersIPv6 HTTP and UDP peers with an IPv6 address
 * @param peersWebSocket WebSocket (WebRTC) peers
 * @param paidTorrents registered paid torrents
 * @param connections open HTTP and WebSocket connections
 */
public record TrackerStats(
    int torrents,
    int seeders,
    int leechers,
    int peersIPv4,
    int peersIPv6,
    int peersWebSocket,
    int paidTorrents,
    int connections) {
  /** Every peer of every swarm. */
  public int peers() {
    return seeders + leechers;
  }

  /** The JSON body of {@code GET /stats}. */
  String toJson() {
    return "{\"torrents\":"
        + torrents
        + ",\"activeTorrents\":"
        + torrents
        + ",\"peersAll\":"
        + peers()
        + ",\"peersSeederOnly\":"
        + seeders
        + ",\"peersLeecherOnly\":"
        + leechers
        + ",\"peersIPv4\":"
        + peersIPv4
        + ",\"peersIPv6\":"
        + peersIPv6
        + ",\"peersWebSocket\":"
        + peersWebSocket
        + ",\"paidTorrents\":"
        + paidTorrents
        + ",\"connections\":"
        + connections
        + "}";
  }
}
