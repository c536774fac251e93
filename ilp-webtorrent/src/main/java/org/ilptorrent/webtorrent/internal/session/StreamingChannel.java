package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.function.Consumer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.internal.pick.PiecePriorities;

/**
 * A read-only view of one file of a torrent that blocks until the bytes it reads are verified, and
 * marks the pieces it is about to read critical so the picker fetches them first (the current one
 * and {@link #READ_AHEAD} after it).
 *
 * <p>Threads: used by one reader thread at a time (not the loop thread, since reads block); what it
 * reads of the torrent is safe from any thread, and priority changes are posted to the loop.
 */
public final class StreamingChannel implements SeekableByteChannel {
  /** Pieces past the one being read that are made critical too. */
  static final int READ_AHEAD = 2;

  /** What a stream reads of its torrent; every method may be called from any thread. */
  public interface Source {
    /** The metadata, once known. */
    Optional<TorrentInfo> metadata();

    /** The verified pieces, which readers wait on. */
    PieceAvailability availability();

    /** The storage, once open. */
    Optional<PieceStore> store();

    /** Changes piece priorities on the loop thread. */
    void priorities(Consumer<PiecePriorities> change);
  }

  private final Source session;
  private final long fileOffset;
  private final long fileLength;
  private long position;
  private int criticalUpTo = -1;
  private volatile boolean open = true;

  /** A channel over {@code length} bytes from torrent byte {@code offset}. */
  public StreamingChannel(Source session, long offset, long length) {
    this.session = session;
    this.fileOffset = offset;
    this.fileLength = length;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (position >= fileLength) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    TorrentInfo t = session.metadata().orElseThrow();
    long at = fileOffset + position;
    int piece = (int) (at / t.pieceLength());
    int inPiece = (int) (at - (long) piece * t.pieceLength());
    markCritical(piece, t.pieceCount());
    session.availability().await(piece);
    PieceStore store = session.store().orElseThrow(() -> new IOException("storage closed"));
    int pieceLength = store.pieceLength(piece);
    int n = (int) Math.min(dst.remaining(), Math.min(pieceLength - inPiece, fileLength - position));
    int limit = dst.limit();
    dst.limit(dst.position() + n);
    try {
      store.read(piece, inPiece, dst);
    } finally {
      dst.limit(limit);
    }
    position += n;
    return n;
  }

  private void markCritical(int piece, int pieceCount) {
    if (piece + READ_AHEAD <= criticalUpTo) {
      return;
    }
    int from = Math.max(piece, criticalUpTo + 1);
    int to = Math.min(pieceCount - 1, piece + READ_AHEAD);
    criticalUpTo = to;
    if (from <= to) {
      session.priorities(p -> p.critical(from, to));
    }
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position: " + newPosition);
    }
    if (newPosition < position) {
      criticalUpTo = -1;
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return fileLength;
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
