package org.ilptorrent.stream;

import java.util.Map;

/**
 * What a payment achieved.
 *
 * @param delivered the total the receiver's receipts attest, in the receiver's units
 * @param sent the total of fulfilled Prepares, in the sender's units
 * @param packets fulfilled packets
 * @param receipts the latest receipt per stream id, as the receiver sent them (58 bytes each)
 */
public record PaymentResult(long delivered, long sent, int packets, Map<Long, byte[]> receipts) {
  /** Copies the receipts map. */
  public PaymentResult {
    receipts = Map.copyOf(receipts);
  }
}
