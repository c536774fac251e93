package org.ilptorrent.tracker.client;

/**
 * A WebRTC session description as WebSocket trackers carry it: {@code {"type":"offer","sdp":…}}.
 *
 * @param type {@code offer} or {@code answer}
 * @param sdp the SDP text
 */
public record SessionDescription(String type, String sdp) {
  /** The longest SDP accepted (trackers bound frames to far less). */
  public static final int MAX_SDP_LENGTH = 256 * 1024;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException when the type is empty or the SDP missing or too long
   */
  public SessionDescription {
    if (type == null || type.isEmpty() || type.length() > 32) {
      throw new IllegalArgumentException("type must be 1..32 characters such as offer");
    }
    if (sdp == null || sdp.length() > MAX_SDP_LENGTH) {
      throw new IllegalArgumentException("sdp must be present and at most 256 KiB");
    }
  }

  /** An offer. */
  public static SessionDescription offer(String sdp) {
    return new SessionDescription("offer", sdp);
  }

  /** An answer. */
  public static SessionDescription answer(String sdp) {
    return new SessionDescription("answer", sdp);
  }
}
