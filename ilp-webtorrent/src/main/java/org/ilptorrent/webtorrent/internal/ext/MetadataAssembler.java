package org.ilptorrent.webtorrent.internal.ext;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.OptionalInt;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * Collects the 16 KiB pieces of an info dict fetched with ut_metadata (BEP 9) and checks the whole
 * against the info hash. The size comes from a peer's handshake, so it is bounded before anything
 * is allocated. Not thread-safe: one per torrent, used from its session thread.
 */
public final class MetadataAssembler {
  /** Info dicts larger than this are refused (about 400,000 pieces' hashes). */
  public static final int MAX_METADATA_SIZE = 8 * 1024 * 1024;

  /** What {@link #accept} made of a piece. */
  public enum Progress {
    /** Stored; pieces are still missing. */
    INCOMPLETE,
    /** Every piece is there and the SHA-1 matches the info hash: {@link #infoBytes()} is ready. */
    COMPLETE,
    /** Every piece was there but the hash did not match: all pieces were dropped, start again. */
    HASH_MISMATCH
  }

  private final InfoHash infoHash;
  private final int size;
  private final int pieceCount;
  private final byte[] buffer;
  private final BitSet received = new BitSet();
  private final BitSet requested = new BitSet();
  private boolean complete;

  /**
   * An assembler for metadata of {@code metadataSize} bytes.
   *
   * @throws PeerProtocolException when the size is not in 1..{@link #MAX_METADATA_SIZE}
   */
  public MetadataAssembler(InfoHash infoHash, long metadataSize) throws PeerProtocolException {
    this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
    if (infoHash.version() != 1) {
      throw new IllegalArgumentException("ut_metadata needs a v1 info hash");
    }
    if (metadataSize <= 0 || metadataSize > MAX_METADATA_SIZE) {
      throw new PeerProtocolException(
          "metadata_size " + metadataSize + " outside 1.." + MAX_METADATA_SIZE);
    }
    this.size = (int) metadataSize;
    this.pieceCount = (size + MetadataMessage.PIECE_LENGTH - 1) / MetadataMessage.PIECE_LENGTH;
    this.buffer = new byte[size];
  }

  /** The size every piece's {@code total_size} must match. */
  public int size() {
    return size;
  }

  /** Pieces of the metadata. */
  public int pieceCount() {
    return pieceCount;
  }

  /** Whether the metadata is complete and verified. */
  public boolean isComplete() {
    return complete;
  }

  /**
   * A piece neither received nor asked for, now marked as asked for; empty when every missing piece
   * is already requested.
   */
  public OptionalInt nextToRequest() {
    BitSet busy = (BitSet) received.clone();
    busy.or(requested);
    int piece = busy.nextClearBit(0);
    if (complete || piece >= pieceCount) {
      return OptionalInt.empty();
    }
    requested.set(piece);
    return OptionalInt.of(piece);
  }

  /** Makes a requested piece available again (rejected, or its peer went away). */
  public void release(int piece) {
    if (piece >= 0 && piece < pieceCount) {
      requested.clear(piece);
    }
  }

  /**
   * Stores a piece. A piece received twice keeps its first copy.
   *
   * @throws PeerProtocolException when the piece does not fit this metadata (wrong total size,
   *     index or length): the sender is at fault
   */
  public Progress accept(MetadataMessage.Data data) throws PeerProtocolException {
    if (data.totalSize() != size) {
      throw new PeerProtocolException(
          "ut_metadata total_size " + data.totalSize() + " differs from metadata_size " + size);
    }
    if (data.piece() >= pieceCount) {
      throw new PeerProtocolException(
          "ut_metadata piece " + data.piece() + " beyond the " + pieceCount + " pieces");
    }
    int from = data.piece() * MetadataMessage.PIECE_LENGTH;
    int length = Math.min(MetadataMessage.PIECE_LENGTH, size - from);
    if (data.data().length != length) {
      throw new PeerProtocolException(
          "ut_metadata piece "
              + data.piece()
              + " has "
              + data.data().length
              + " bytes, not "
              + length);
    }
    if (complete) {
      return Progress.COMPLETE;
    }
    requested.clear(data.piece());
    if (!received.get(data.piece())) {
      System.arraycopy(data.data(), 0, buffer, from, length);
      received.set(data.piece());
    }
    if (received.cardinality() < pieceCount) {
      return Progress.INCOMPLETE;
    }
    if (Arrays.equals(sha1(buffer), infoHash.toBytes())) {
      complete = true;
      return Progress.COMPLETE;
    }
    received.clear();
    return Progress.HASH_MISMATCH;
  }

  /**
   * A copy of the verified info dict bytes.
   *
   * @throws IllegalStateException before {@link Progress#COMPLETE}
   */
  public byte[] infoBytes() {
    requireComplete();
    return buffer.clone();
  }

  /**
   * A minimal .torrent file around the verified info dict ({@code d4:info...e}), for {@code
   * Torrent.parse}; its info hash is the one asked for, since the raw bytes are kept.
   */
  public byte[] torrentFile() {
    requireComplete();
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 8);
    out.writeBytes("d4:info".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(buffer);
    out.write('e');
    return out.toByteArray();
  }

  private void requireComplete() {
    if (!complete) {
      throw new IllegalStateException("metadata is not complete");
    }
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
