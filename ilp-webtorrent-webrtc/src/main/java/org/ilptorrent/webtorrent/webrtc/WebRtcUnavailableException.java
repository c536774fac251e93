package org.ilptorrent.webtorrent.webrtc;

/**
 * WebRTC cannot run in this process: webrtc-java's native library is missing for this platform or
 * failed to load. The client works on over TCP.
 */
public final class WebRtcUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why, with the loader's error as the cause. */
  public WebRtcUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
