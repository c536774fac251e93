package org.ilptorrent.webtorrent;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ilptorrent.magnet.PaymentPointer;

/**
 * How to publish and seed a paid torrent ({@link WebTorrent#seedPaid}).
 *
 * @param wallet the seller's wallet pointer, where the money goes (registered at the verifier,
 *     which publishes a proxy pointer in its place)
 * @param price the price in whole units of the asset, such as {@code 0.50}; restated exactly at the
 *     wallet's asset scale, or refused
 * @param assetCode the price's asset; empty to take the wallet's. A different asset than the
 *     wallet's is refused (no conversion happens anywhere)
 * @param verifier the receipt verifier's base URL
 * @param trackers HTTP(S) or WebSocket tracker URLs; the torrent is registered at each
 * @param verifierToken the verifier operator's registration token, where registration is closed
 * @param trackerToken the tracker operator's registration token, where registration is closed
 * @param stateFolder where the seed's secrets are kept (mode 0600): the proxy pointer and each
 *     tracker's seeder token and ticket key; empty for {@code .ilp-torrent/<name>} next to the data
 */
public record PaidSeedOptions(
    PaymentPointer wallet,
    BigDecimal price,
    Optional<String> assetCode,
    URI verifier,
    List<String> trackers,
    Optional<String> verifierToken,
    Optional<String> trackerToken,
    Optional<Path> stateFolder) {
  /** Checks the required fields and copies the tracker list. */
  public PaidSeedOptions {
    Objects.requireNonNull(wallet, "wallet");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(assetCode, "assetCode");
    Objects.requireNonNull(verifier, "verifier");
    trackers = List.copyOf(trackers);
    Objects.requireNonNull(verifierToken, "verifierToken");
    Objects.requireNonNull(trackerToken, "trackerToken");
    Objects.requireNonNull(stateFolder, "stateFolder");
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("the price must be positive; a free torrent has none");
    }
    if (trackers.isEmpty()) {
      throw new IllegalArgumentException("a paid torrent needs at least one tracker");
    }
  }

  /** Values are never printed: the tokens are secrets. */
  @Override
  public String toString() {
    return "PaidSeedOptions[" + price.toPlainString() + " " + assetCode.orElse("?") + "]";
  }

  /** A builder; wallet, price, verifier and at least one tracker are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PaidSeedOptions}. */
  public static final class Builder {
    private PaymentPointer wallet;
    private BigDecimal price;
    private String assetCode;
    private URI verifier;
    private final List<String> trackers = new ArrayList<>();
    private String verifierToken;
    private String trackerToken;
    private Path stateFolder;

    private Builder() {}

    /** The seller's wallet pointer (required). */
    public Builder wallet(PaymentPointer wallet) {
      this.wallet = Objects.requireNonNull(wallet, "wallet");
      return this;
    }

    /** The price in whole units, such as {@code new BigDecimal("0.50")} (required). */
    public Builder price(BigDecimal price) {
      this.price = Objects.requireNonNull(price, "price");
      return this;
    }

    /** The price's asset code; by default the wallet's. */
    public Builder assetCode(String assetCode) {
      this.assetCode = Objects.requireNonNull(assetCode, "assetCode");
      return this;
    }

    /** The receipt verifier's base URL (required). */
    public Builder verifier(URI verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /** Adds a tracker (HTTP(S) or WebSocket); at least one is required. */
    public Builder addTracker(String url) {
      trackers.add(Objects.requireNonNull(url, "url"));
      return this;
    }

    /** The verifier operator's registration token; none by default. */
    public Builder verifierToken(String token) {
      this.verifierToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /** The tracker operator's registration token; none by default. */
    public Builder trackerToken(String token) {
      this.trackerToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Where the seed's secrets are kept; by default {@code .ilp-torrent/<name>} by the data. */
    public Builder stateFolder(Path folder) {
      this.stateFolder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * The options.
     *
     * @throws NullPointerException when a required field is missing
     * @throws IllegalArgumentException when the price is not positive or no tracker is given
     */
    public PaidSeedOptions build() {
      return new PaidSeedOptions(
          wallet,
          price,
          Optional.ofNullable(assetCode),
          verifier,
          trackers,
          Optional.ofNullable(verifierToken),
          Optional.ofNullable(trackerToken),
          Optional.ofNullable(stateFolder));
    }
  }
}
