package org.ilptorrent.webtorrent;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A store that forwards every call to another; a test overrides the calls it changes. */
class ForwardingPieceStore implements PieceStore {
  private final PieceStore delegate;

  ForwardingPieceStore(PieceStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public int pieceCount() {
    return delegate.pieceCount();
  }

  @Override
  public int pieceLength(int piece) {
    return delegate.pieceLength(piece);
  }

  @Override
  public void read(int piece, int offset, ByteBuffer dst) throws IOException {
    delegate.read(piece, offset, dst);
  }

  @Override
  public void write(int piece, int offset, ByteBuffer src) throws IOException {
    delegate.write(piece, offset, src);
  }

  @Override
  public boolean mayContain(int piece) throws IOException {
    return delegate.mayContain(piece);
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
