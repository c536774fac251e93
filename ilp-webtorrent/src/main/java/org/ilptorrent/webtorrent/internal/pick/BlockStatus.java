package org.ilptorrent.webtorrent.internal.pick;

/** What a block delivered to {@link PiecePicker#onBlock} meant. */
public enum BlockStatus {
  /** New data: store it. */
  ACCEPTED,
  /** New data that completes its piece: store it, then verify the piece. */
  PIECE_COMPLETE,
  /** We already have these bytes: drop them. */
  DUPLICATE,
  /** A block of a piece we never asked for: drop it. */
  UNWANTED,
  /** Not a block of this torrent (bad index, offset or length): a protocol violation. */
  INVALID
}
