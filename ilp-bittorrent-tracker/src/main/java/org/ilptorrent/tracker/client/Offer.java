package org.ilptorrent.tracker.client;

/**
 * A WebRTC offer to send with an announce; the tracker forwards it to one other peer.
 *
 * @param id the id its answer will come back with
 * @param description the offer
 */
public record Offer(OfferId id, SessionDescription description) {
  /** Validates the fields. */
  public Offer {
    if (id == null || description == null) {
      throw new IllegalArgumentException("id and description are required");
    }
  }
}
