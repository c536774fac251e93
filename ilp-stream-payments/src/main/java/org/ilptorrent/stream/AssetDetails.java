package org.ilptorrent.stream;

/**
 * A wallet's asset: what its amounts count. STREAM receivers send it in a {@code
 * ConnectionAssetDetails} frame (RFC 29); wallets that follow Open Payments publish it at their
 * wallet address ({@link Spsp#assetDetails}).
 *
 * @param assetCode such as {@code USD}, 1 to 12 printable ASCII characters
 * @param assetScale decimal places of one base unit, 0 to 255
 */
public record AssetDetails(String assetCode, int assetScale) {
  /** Checks the ranges. */
  public AssetDetails {
    if (assetCode == null
        || assetCode.isEmpty()
        || assetCode.length() > 12
        || !assetCode.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
      throw new IllegalArgumentException("an asset code is 1 to 12 printable ASCII characters");
    }
    if (assetScale < 0 || assetScale > 255) {
      throw new IllegalArgumentException("an asset scale is 0 to 255");
    }
  }

  @Override
  public String toString() {
    return assetCode + " (scale " + assetScale + ")";
  }
}
