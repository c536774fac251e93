package org.ilptorrent.tracker.client.internal;

/** Bytes that are not the bencoded value a tracker should send, with the offset of the problem. */
public final class BencodeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public BencodeException(int offset, String message) {
    super(message + " at byte " + offset);
    this.offset = offset;
  }

  /** Where in the input the problem was found. */
  public int offset() {
    return offset;
  }
}
