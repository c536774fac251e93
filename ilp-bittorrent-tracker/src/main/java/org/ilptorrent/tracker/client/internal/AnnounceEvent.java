package org.ilptorrent.tracker.client.internal;

/** The {@code event} of an announce, with its HTTP/WebSocket name and its BEP 15 code. */
public enum AnnounceEvent {
  /** A regular announce: no event is sent. */
  UPDATE(null, 0),
  COMPLETED("completed", 1),
  STARTED("started", 2),
  STOPPED("stopped", 3);

  private final String wireName;
  private final int udpCode;

  AnnounceEvent(String wireName, int udpCode) {
    this.wireName = wireName;
    this.udpCode = udpCode;
  }

  /** The HTTP and WebSocket value, or {@code null} when the field is left out. */
  public String wireName() {
    return wireName;
  }

  /** The BEP 15 event number. */
  public int udpCode() {
    return udpCode;
  }
}
