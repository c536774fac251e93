package org.ilptorrent.tracker.client;

import java.security.PublicKey;
import java.util.Objects;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.tracker.AccessKeys;

/**
 * How a {@link TrackerClient} talks to its trackers, apart from which torrent it announces (info
 * hash, peer id, port, announce URLs) and where its events go. One value, so that whatever builds
 * tracker clients (a {@code Discovery}, an application) takes these settings as a whole instead of
 * repeating each of them.
 *
 * <pre>{@code
 * TrackerClientOptions options = TrackerClientOptions.builder()
 *     .connections(pool)
 *     .balanceId(balanceId)
 *     .build();
 * TrackerClient client = TrackerClient.builder().infoHash(infoHash).options(options).build();
 * }</pre>
 *
 * @param connections a pool shared with other clients; {@code null}: each client gets a private
 *     one, closed with it
 * @param offerFactory makes WebRTC offers and answers for WebSocket trackers; {@code null}: no
 *     offers
 * @param balanceId the balance id ({@code requestId}) of a paid torrent, 1..128 characters of
 *     {@code A-Z a-z 0-9 . _ ~ -}; {@code null}: none
 * @param seederToken the publisher's seeder token of a paid torrent, 1..256 characters; {@code
 *     null}: none
 * @param leecherKey the leecher key ({@code leecher_key}, an Ed25519 public key) of a paid
 *     download, see {@link TrackerClient#setLeecherKey}; {@code null}: none
 * @param numwant how many peers to ask for, 0..1000
 * @param maxOffers the most WebRTC offers made per WebSocket announce (creating them is slow),
 *     0..100
 * @param stats the counts of the first announce
 */
public record TrackerClientOptions(
    TrackerConnections connections,
    OfferFactory offerFactory,
    String balanceId,
    String seederToken,
    PublicKey leecherKey,
    int numwant,
    int maxOffers,
    AnnounceStats stats) {

  private static final TrackerClientOptions DEFAULTS = builder().build();

  /**
   * Checks every setting.
   *
   * @throws IllegalArgumentException when a setting is out of range
   */
  public TrackerClientOptions {
    checkBalanceId(balanceId);
    checkSeederToken(seederToken);
    checkLeecherKey(leecherKey);
    if (numwant < 0 || numwant > 1000) {
      throw new IllegalArgumentException("numwant must be 0..1000, got " + numwant);
    }
    if (maxOffers < 0 || maxOffers > 100) {
      throw new IllegalArgumentException("maxOffers must be 0..100, got " + maxOffers);
    }
    Objects.requireNonNull(stats, "stats");
  }

  /**
   * Every setting at its default: a private pool, no offers, no credentials, 50 peers, 5 offers.
   */
  public static TrackerClientOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.connections = connections;
    b.offerFactory = offerFactory;
    b.balanceId = balanceId;
    b.seederToken = seederToken;
    b.leecherKey = leecherKey;
    b.numwant = numwant;
    b.maxOffers = maxOffers;
    b.stats = stats;
    return b;
  }

  static String checkBalanceId(String balanceId) {
    return balanceId == null ? null : BalanceId.check(balanceId);
  }

  static String checkSeederToken(String token) {
    if (token != null && (token.isEmpty() || token.length() > 256)) {
      throw new IllegalArgumentException("a seeder token is 1..256 characters");
    }
    return token;
  }

  /** The key as the 64 hex digits announces carry; {@code null} for none. */
  static String checkLeecherKey(PublicKey key) {
    return key == null ? null : AccessKeys.toHex(key);
  }

  /** Settings of {@link TrackerClientOptions}; every one has a default. */
  public static final class Builder {
    private TrackerConnections connections;
    private OfferFactory offerFactory;
    private String balanceId;
    private String seederToken;
    private PublicKey leecherKey;
    private int numwant = 50;
    private int maxOffers = 5;
    private AnnounceStats stats = AnnounceStats.UNKNOWN;

    Builder() {}

    /** A pool shared with other clients; a private one per client by default. */
    public Builder connections(TrackerConnections connections) {
      this.connections = connections;
      return this;
    }

    /** Makes WebRTC offers and answers for WebSocket trackers; none by default (no offers). */
    public Builder offerFactory(OfferFactory offerFactory) {
      this.offerFactory = offerFactory;
      return this;
    }

    /**
     * The balance id ({@code requestId}) of a paid torrent; none by default.
     *
     * @throws IllegalArgumentException unless it is 1..128 characters of {@code A-Z a-z 0-9 . _ ~
     *     -}
     */
    public Builder balanceId(String balanceId) {
      this.balanceId = checkBalanceId(balanceId);
      return this;
    }

    /**
     * The publisher's seeder token of a paid torrent; none by default.
     *
     * @throws IllegalArgumentException unless it is 1..256 characters
     */
    public Builder seederToken(String seederToken) {
      this.seederToken = checkSeederToken(seederToken);
      return this;
    }

    /**
     * The leecher key ({@code leecher_key}) of a paid download, see {@link
     * TrackerClient#setLeecherKey}; none by default.
     *
     * @throws IllegalArgumentException when it is not an Ed25519 key
     */
    public Builder leecherKey(PublicKey leecherKey) {
      checkLeecherKey(leecherKey);
      this.leecherKey = leecherKey;
      return this;
    }

    /** How many peers to ask for: 50. */
    public Builder numwant(int numwant) {
      this.numwant = numwant;
      return this;
    }

    /** The most WebRTC offers made per WebSocket announce (creating them is slow): 5. */
    public Builder maxOffers(int maxOffers) {
      this.maxOffers = maxOffers;
      return this;
    }

    /** The counts of the first announce: nothing transferred, size unknown. */
    public Builder stats(AnnounceStats stats) {
      this.stats = Objects.requireNonNull(stats, "stats");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when a number is out of range
     */
    public TrackerClientOptions build() {
      return new TrackerClientOptions(
          connections, offerFactory, balanceId, seederToken, leecherKey, numwant, maxOffers, stats);
    }
  }
}
