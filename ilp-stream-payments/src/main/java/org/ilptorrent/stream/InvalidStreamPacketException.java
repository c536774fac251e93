package org.ilptorrent.stream;

/** Bytes that are not a STREAM packet: the message names the field and what is wrong with it. */
public final class InvalidStreamPacketException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code field}. */
  public InvalidStreamPacketException(String field, String message) {
    super(field + ": " + message);
  }
}
