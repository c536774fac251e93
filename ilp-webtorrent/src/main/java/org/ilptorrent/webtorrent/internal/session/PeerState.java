package org.ilptorrent.webtorrent.internal.session;

import java.util.BitSet;
import java.util.OptionalInt;
import org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake;

/**
 * The peer wire state of one connection (BEP 3, BEP 6, BEP 10): choking and interest both ways,
 * what the peer has, the requests in flight both ways, its rates and its score, and the extension
 * ids it announced. Owned by its {@link PeerConnection} and handed to the stages that need it
 * ({@link Downloader}, {@link Uploader}, {@link Choker}, {@link PieceCompletion}, the extensions).
 *
 * <p>Threads: every field is read and written on the client's loop thread only; {@link #down} and
 * {@link #up} publish their rate for other threads themselves.
 */
final class PeerState {
  /** Requests we accept queued per peer (our BEP 10 {@code reqq}). */
  static final int OUR_REQQ = 512;

  // ---- choking and interest, written by Downloader (ours: interest) and Uploader (ours: choke)
  boolean amChoking = true;
  boolean amInterested;
  boolean peerChoking = true;
  boolean peerInterested;

  // ---- what the peer has (Downloader)
  BitSet peerPieces = new BitSet();
  boolean peerSeed;

  /** A bitfield that came before the metadata, checked once the piece count is known. */
  byte[] earlyBitfield;

  final BitSet allowedFast = new BitSet();

  // ---- requests in flight
  /** Ours to the peer (Downloader). */
  final SentRequests sent = new SentRequests();

  /** The peer's to us, served by the connection from the store (Uploader). */
  final UploadQueue uploads = new UploadQueue(OUR_REQQ);

  /** The peer's {@code reqq}, which caps our pipeline to it. */
  OptionalInt requestQueue = OptionalInt.empty();

  /** Set once the peer was snubbed: blocks we released may still come and are not an error. */
  boolean lenient;

  /** When the peer last sent a block (or was last found snubbing). */
  long lastBlock;

  // ---- rates and score
  final RateMeter down;
  final RateMeter up;

  /** Pieces with blocks from this peer that failed / passed their hash check (PieceCompletion). */
  int failedPieces;

  int goodPieces;

  // ---- BEP 10: the peer's extension handshake and the ids it gave our extensions (0: none)
  ExtensionHandshake extensionHandshake;
  int utMetadataId;
  int utPexId;

  /** The port the peer says it listens on, 0 when unknown. */
  int listenPort;

  /**
   * Nothing of a paid torrent may go to this peer: it has not shown an access ticket yet. Written
   * by {@link AccessGate} only; the connection and the stages refuse to reveal the torrent while it
   * is set.
   */
  boolean servingLocked;

  PeerState(long nowMillis, long nowNanos) {
    this.lastBlock = nowMillis;
    this.down = new RateMeter(nowNanos);
    this.up = new RateMeter(nowNanos);
  }

  /** Whether the peer has every piece of a torrent of {@code pieceCount} pieces. */
  boolean hasAll(int pieceCount) {
    return peerSeed || peerPieces.cardinality() == pieceCount;
  }
}
