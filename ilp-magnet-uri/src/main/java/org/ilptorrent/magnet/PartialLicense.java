package org.ilptorrent.magnet;

import java.net.URI;
import java.util.Objects;
import org.ilptorrent.magnet.internal.HttpUrls;

/**
 * Where a paid torrent is paid and checked, as a magnet link carries it ({@code pp} and {@code
 * vr}): the payment pointer and the receipt verifier's base URL. The price is not part of it; the
 * full {@link License} comes from the torrent or the tracker, and {@link #matches(License)} tells
 * whether the two agree.
 *
 * @param paymentPointer where the downloader pays (the proxy pointer at the verifier)
 * @param verifier the verifier's balances API base URL, an absolute http(s) URL
 */
public record PartialLicense(PaymentPointer paymentPointer, URI verifier) {
  /**
   * Validates both parts.
   *
   * @throws InvalidLicenseException when a part is missing or the verifier is not an http(s) URL
   */
  public PartialLicense {
    if (paymentPointer == null) {
      throw new InvalidLicenseException("paymentPointer is required");
    }
    License.checkVerifier(verifier);
  }

  /** Whether {@code license} names the same payment pointer and verifier. */
  public boolean matches(License license) {
    Objects.requireNonNull(license, "license");
    return paymentPointer.equals(license.paymentPointer()) && verifier.equals(license.verifier());
  }

  static URI parseVerifier(String text) {
    try {
      return HttpUrls.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidLicenseException("verifier: " + e.getMessage(), e);
    }
  }
}
