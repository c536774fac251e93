package org.ilptorrent.webtorrent;

import java.math.BigDecimal;
import java.util.Objects;
import org.ilptorrent.magnet.License;

/**
 * Whether to pay a paid torrent's licence: the application's consent before any money moves. The
 * client asks it once per download, after the licence was checked against the magnet (and the
 * torrent's {@code info} when known) and before paying; a download that already paid is not asked
 * again.
 *
 * <p><b>Threading.</b> Called on the client's payment thread ({@code ilp-webtorrent-pay-<port>}),
 * never on the network or event thread, so it may block, for instance to ask the user.
 */
@FunctionalInterface
public interface PaymentPolicy {
  /** Whether to pay {@code license}. */
  boolean approve(License license);

  /** Pays nothing: every paid torrent ends with {@link PaymentException.Reason#REFUSED}. */
  static PaymentPolicy refuse() {
    return license -> false;
  }

  /**
   * Pays a licence in {@code assetCode} whose price ({@link License#price()}, in whole units) is at
   * most {@code maxPrice}; refuses any other asset.
   *
   * @throws IllegalArgumentException when {@code maxPrice} is negative
   */
  static PaymentPolicy maxPrice(BigDecimal maxPrice, String assetCode) {
    Objects.requireNonNull(maxPrice, "maxPrice");
    Objects.requireNonNull(assetCode, "assetCode");
    if (maxPrice.signum() < 0) {
      throw new IllegalArgumentException("maxPrice must not be negative: " + maxPrice);
    }
    return license ->
        license.assetCode().equals(assetCode) && license.price().compareTo(maxPrice) <= 0;
  }
}
