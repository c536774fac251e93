package org.ilptorrent.tracker.client.internal;

import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.AnnounceStats;

/**
 * One announce, whatever the transport.
 *
 * @param balanceId the {@code requestId} (paid torrents), or {@code null}
 * @param seederToken the publisher's {@code seeder_token}, or {@code null}
 * @param leecherKey the raw Ed25519 key (64 lowercase hex) access tickets should bind, or {@code
 *     null}
 */
public record AnnounceRequest(
    InfoHash infoHash,
    PeerId peerId,
    int port,
    AnnounceEvent event,
    AnnounceStats stats,
    int numwant,
    String balanceId,
    String seederToken,
    String leecherKey) {

  /** Validates the fields. */
  public AnnounceRequest {
    if (infoHash == null || peerId == null || event == null || stats == null) {
      throw new IllegalArgumentException("infoHash, peerId, event and stats are required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    if (numwant < 0) {
      throw new IllegalArgumentException("numwant must be >= 0");
    }
  }
}
