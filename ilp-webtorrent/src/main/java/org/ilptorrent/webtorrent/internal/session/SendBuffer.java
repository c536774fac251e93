package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.internal.mse.MseStream;
import org.ilptorrent.webtorrent.internal.wire.PeerWireEncoder;

/**
 * The send side of one connection: one direct buffer into which control messages and served blocks
 * (header, then the block read straight from the store) are written, and from which the socket
 * takes what it can. Small until the peer first asks for data. Loop thread only.
 */
final class SendBuffer {
  /** Control messages only; the buffer grows to {@link #UPLOAD_BUFFER} when we first upload. */
  private static final int INITIAL = 16 * 1024;

  private static final int UPLOAD_BUFFER = 512 * 1024;
  private static final int HIGH_WATER = UPLOAD_BUFFER - 32 * 1024;

  /** Bytes a peer may leave unread in our send buffer before it is dropped. */
  private static final int MAX = 4 * 1024 * 1024;

  private ByteBuffer out = ByteBuffer.allocateDirect(INITIAL);

  /** The MSE stream that encrypts bytes past {@link #sealed} as they are written; or null. */
  private MseStream cipher;

  private int sealed;

  /**
   * Makes room for {@code bytes} more; false when that would pass {@link #MAX}: a peer that asks
   * and never reads must not make us buffer without end.
   */
  boolean room(int bytes) {
    if (out.remaining() >= bytes) {
      return true;
    }
    if (out.position() + bytes > MAX) {
      return false;
    }
    ByteBuffer bigger =
        ByteBuffer.allocateDirect(Math.max(out.capacity() * 2, out.position() + bytes));
    out.flip();
    bigger.put(out);
    out = bigger;
    return true;
  }

  /** The buffer to encode into, after {@link #room} said yes. */
  ByteBuffer buffer() {
    return out;
  }

  boolean isEmpty() {
    return out.position() == 0;
  }

  /**
   * Serves queued requests while the buffer is under its high-water mark, reading blocks from
   * {@code store}; false when the buffer cannot grow to its upload size.
   *
   * @param served told the length of each block written
   */
  boolean fill(
      UploadQueue uploads,
      PieceStore store,
      java.util.function.BooleanSupplier mayServe,
      java.util.function.IntConsumer served)
      throws IOException {
    if (out.capacity() < UPLOAD_BUFFER
        && !uploads.isEmpty()
        && !room(UPLOAD_BUFFER - out.position())) {
      return false;
    }
    while (!uploads.isEmpty() && out.position() < HIGH_WATER) {
      int length = uploads.peekLength();
      if (out.remaining() < PeerWireEncoder.PIECE_HEADER_LENGTH + length
          || !mayServe.getAsBoolean()) {
        break;
      }
      int piece = uploads.peekPiece();
      int begin = uploads.peekBegin();
      uploads.pop();
      PeerWireEncoder.writePieceHeader(out, piece, begin, length);
      int limit = out.limit();
      out.limit(out.position() + length);
      try {
        store.read(piece, begin, out);
      } finally {
        out.limit(limit);
      }
      served.accept(length);
    }
    return true;
  }

  /**
   * Encrypts everything queued after what is in the buffer now (which goes out as it is) with
   * {@code stream}: the MSE handshake is done.
   */
  void encryptFrom(MseStream stream) {
    cipher = stream;
    sealed = out.position();
  }

  /** Writes what {@code channel} takes; the number of bytes written. */
  int writeTo(WritableByteChannel channel) throws IOException {
    if (cipher != null) {
      // each byte exactly once, in order: what the socket does not take stays sealed
      cipher.encrypt(out, sealed, out.position());
    }
    out.flip();
    int n = channel.write(out);
    out.compact();
    sealed = out.position();
    return n;
  }
}
