package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.store.PieceGeometry;

/**
 * A {@link PieceStore} in heap memory, for tests, previews and small torrents. A piece takes memory
 * from its first write on; {@link #mayContain} is true for pieces written to. Thread-safe as the
 * interface says.
 */
public final class MemoryPieceStore implements PieceStore {
  private final PieceGeometry geometry;
  private final AtomicReferenceArray<byte[]> pieces;
  private volatile boolean closed;

  /** A store for {@code totalLength} bytes cut into pieces of {@code pieceLength}. */
  public MemoryPieceStore(long totalLength, int pieceLength) {
    this.geometry = new PieceGeometry(totalLength, pieceLength);
    this.pieces = new AtomicReferenceArray<>(geometry.pieceCount());
  }

  /** A store shaped like {@code torrent}. */
  public static MemoryPieceStore of(TorrentInfo torrent) {
    return new MemoryPieceStore(torrent.length(), torrent.pieceLength());
  }

  @Override
  public int pieceCount() {
    return geometry.pieceCount();
  }

  @Override
  public int pieceLength(int piece) {
    return geometry.pieceLength(piece);
  }

  @Override
  public void read(int piece, int offset, ByteBuffer dst) throws IOException {
    geometry.checkRange(piece, offset, dst.remaining());
    checkOpen();
    byte[] data = pieces.get(piece);
    if (data == null) {
      while (dst.hasRemaining()) {
        dst.put((byte) 0);
      }
    } else {
      dst.put(data, offset, dst.remaining());
    }
  }

  @Override
  public void write(int piece, int offset, ByteBuffer src) throws IOException {
    geometry.checkRange(piece, offset, src.remaining());
    checkOpen();
    byte[] data = pieces.get(piece);
    if (data == null) {
      pieces.compareAndSet(piece, null, new byte[geometry.pieceLength(piece)]);
      data = pieces.get(piece);
    }
    src.get(data, offset, src.remaining());
  }

  @Override
  public boolean mayContain(int piece) throws IOException {
    geometry.pieceLength(piece);
    checkOpen();
    return pieces.get(piece) != null;
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
  }

  @Override
  public void close() {
    closed = true;
    for (int i = 0; i < pieces.length(); i++) {
      pieces.set(i, null);
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("piece store is closed");
    }
  }
}
