package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a torrent's pieces live: the client reads and writes by piece, and the store maps that onto
 * files, memory or anything else.
 *
 * <p><b>Thread safety.</b> Implementations are safe for concurrent use: reads and writes of any
 * ranges may run on several threads at once, and a write that returned is seen by every read that
 * happens after it (in the memory model's sense: handed over through a queue, lock or future).
 * Concurrent writes to the same bytes leave the bytes of one of them. Calls that race with or
 * follow {@link #close()} fail with an {@link IOException}.
 *
 * <p>Ranges are checked: a piece outside {@code 0..pieceCount()-1}, or a range that leaves its
 * piece, throws {@link IndexOutOfBoundsException}.
 */
public interface PieceStore extends AutoCloseable {
  /** How many pieces the store holds. */
  int pieceCount();

  /** Bytes of {@code piece}: the torrent's piece length, less for the last piece. */
  int pieceLength(int piece);

  /**
   * Fills {@code dst} (its remaining bytes) with bytes of {@code piece} from {@code offset}. Bytes
   * never written read as zeros.
   *
   * @throws IOException when the storage cannot be read
   */
  void read(int piece, int offset, ByteBuffer dst) throws IOException;

  /** Reads {@code length} bytes of {@code piece} from {@code offset} into a new array. */
  default byte[] read(int piece, int offset, int length) throws IOException {
    byte[] out = new byte[length];
    read(piece, offset, ByteBuffer.wrap(out));
    return out;
  }

  /**
   * Writes all remaining bytes of {@code src} into {@code piece} at {@code offset}, advancing its
   * position.
   *
   * @throws IOException when the storage cannot be written
   */
  void write(int piece, int offset, ByteBuffer src) throws IOException;

  /**
   * Whether storage exists for every byte of {@code piece}, so that it may hold the piece's data;
   * {@code false} means it certainly does not (a resume check skips it without reading).
   *
   * @throws IOException when the storage cannot be inspected
   */
  boolean mayContain(int piece) throws IOException;

  /**
   * Makes written data durable (file stores force it to the device).
   *
   * @throws IOException when that fails
   */
  void flush() throws IOException;

  /** Releases files or memory; idempotent. Does not flush: call {@link #flush()} first. */
  @Override
  void close() throws IOException;
}
