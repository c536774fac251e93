package org.ilptorrent.tracker.client.internal;

import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.tracker.client.AnnounceStats;
import org.ilptorrent.tracker.client.OfferFactory;

/**
 * What every tracker session of one client shares: the torrent, the peer, the latest stats and
 * credentials, where events go and the pool's transports.
 */
public final class ClientContext {
  private final InfoHash infoHash;
  private final PeerId peerId;
  private final int port;
  private final int numwant;
  private final int maxOffers;
  private final OfferFactory offerFactory;
  private final Events events;
  private final Transports transports;
  private volatile AnnounceStats stats;
  private volatile String balanceId;
  private volatile String seederToken;
  private volatile String leecherKey;

  public ClientContext(
      InfoHash infoHash,
      PeerId peerId,
      int port,
      int numwant,
      int maxOffers,
      OfferFactory offerFactory,
      Events events,
      Transports transports,
      AnnounceStats stats,
      String balanceId,
      String seederToken,
      String leecherKey) {
    this.infoHash = infoHash;
    this.peerId = peerId;
    this.port = port;
    this.numwant = numwant;
    this.maxOffers = maxOffers;
    this.offerFactory = offerFactory;
    this.events = events;
    this.transports = transports;
    this.stats = stats;
    this.balanceId = balanceId;
    this.seederToken = seederToken;
    this.leecherKey = leecherKey;
  }

  /** An announce with the current stats and credentials. */
  public AnnounceRequest request(AnnounceEvent event) {
    AnnounceStats s = stats;
    if (event == AnnounceEvent.COMPLETED) {
      s = new AnnounceStats(s.uploaded(), s.downloaded(), 0);
    }
    return new AnnounceRequest(
        infoHash,
        peerId,
        port,
        event,
        s,
        event == AnnounceEvent.STOPPED ? 0 : numwant,
        balanceId,
        seederToken,
        leecherKey);
  }

  public InfoHash infoHash() {
    return infoHash;
  }

  public PeerId peerId() {
    return peerId;
  }

  public int maxOffers() {
    return maxOffers;
  }

  /** The WebRTC hook, or {@code null}. */
  public OfferFactory offerFactory() {
    return offerFactory;
  }

  public Events events() {
    return events;
  }

  public Transports transports() {
    return transports;
  }

  public void stats(AnnounceStats stats) {
    this.stats = stats;
  }

  public AnnounceStats stats() {
    return stats;
  }

  public void balanceId(String balanceId) {
    this.balanceId = balanceId;
  }

  public void seederToken(String seederToken) {
    this.seederToken = seederToken;
  }

  /** The leecher key as 64 lowercase hex, or {@code null}. */
  public void leecherKey(String leecherKey) {
    this.leecherKey = leecherKey;
  }
}
