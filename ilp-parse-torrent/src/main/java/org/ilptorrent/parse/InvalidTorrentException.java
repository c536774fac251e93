package org.ilptorrent.parse;

import java.util.OptionalLong;

/**
 * Bytes that are not a torrent this library accepts. The message names the field ({@code
 * info.pieces}, {@code info.files[3].path}, ...) and the byte offset where it starts, when known.
 */
public final class InvalidTorrentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param field the field at fault, or {@code null} for the torrent as a whole
   * @param offset the byte offset of the field or of the bad byte, or -1 when unknown
   * @param message what is wrong
   */
  public InvalidTorrentException(String field, long offset, String message) {
    super(
        (field == null ? "" : field + ": ")
            + message
            + (offset >= 0 ? " (at byte " + offset + ")" : ""));
    this.field = field;
    this.offset = offset;
  }

  /** The field at fault, or {@code null} for the torrent as a whole. */
  public String field() {
    return field;
  }

  /** The byte offset where the fault was found, when known. */
  public OptionalLong offset() {
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
  }
}
