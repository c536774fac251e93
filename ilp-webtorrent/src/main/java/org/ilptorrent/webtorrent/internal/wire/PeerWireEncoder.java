package org.ilptorrent.webtorrent.internal.wire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes {@link PeerMessage}s into caller-owned buffers. Pure and stateless. The hot messages have
 * writers that take primitives, so a session sends requests and blocks without allocating; a block
 * is sent as {@link #writePieceHeader} followed by the block buffer itself (a gathering write), so
 * its bytes are never copied into the send buffer.
 */
public final class PeerWireEncoder {
  /** Bytes of a {@code piece} message before its block: length, id, index, begin. */
  public static final int PIECE_HEADER_LENGTH = 13;

  private PeerWireEncoder() {}

  /** The bytes {@code message} takes on the wire, its length prefix included. */
  public static int encodedLength(PeerMessage message) {
    if (message instanceof PeerMessage.Piece p) {
      return PIECE_HEADER_LENGTH + p.block().remaining();
    } else if (message instanceof PeerMessage.Bitfield b) {
      return 5 + b.bits().length;
    } else if (message instanceof PeerMessage.Extended e) {
      return 6 + e.payload().length;
    } else if (message instanceof PeerMessage.Request
        || message instanceof PeerMessage.Cancel
        || message instanceof PeerMessage.RejectRequest) {
      return 17;
    } else if (message instanceof PeerMessage.Have
        || message instanceof PeerMessage.SuggestPiece
        || message instanceof PeerMessage.AllowedFast) {
      return 9;
    } else if (message instanceof PeerMessage.Port) {
      return 7;
    } else if (message instanceof PeerMessage.KeepAlive) {
      return 4;
    } else {
      return 5;
    }
  }

  /**
   * Writes {@code message} whole into {@code out}; a {@code piece} message's block is copied (use
   * {@link #writePieceHeader} to avoid that). The block buffer's position is not changed.
   *
   * @throws BufferOverflowException when it does not fit; nothing is written then
   */
  public static void encode(PeerMessage message, ByteBuffer out) {
    if (out.remaining() < encodedLength(message)) {
      throw new BufferOverflowException();
    }
    if (message instanceof PeerMessage.Piece p) {
      writePieceHeader(out, p.piece(), p.begin(), p.block().remaining());
      out.put(p.block().duplicate());
    } else if (message instanceof PeerMessage.Request r) {
      writeRequest(out, r.piece(), r.begin(), r.length());
    } else if (message instanceof PeerMessage.Cancel c) {
      writeCancel(out, c.piece(), c.begin(), c.length());
    } else if (message instanceof PeerMessage.RejectRequest r) {
      block(out, PeerMessage.REJECT_REQUEST, r.piece(), r.begin(), r.length());
    } else if (message instanceof PeerMessage.Have h) {
      writeHave(out, h.piece());
    } else if (message instanceof PeerMessage.SuggestPiece s) {
      indexed(out, PeerMessage.SUGGEST_PIECE, s.piece());
    } else if (message instanceof PeerMessage.AllowedFast a) {
      indexed(out, PeerMessage.ALLOWED_FAST, a.piece());
    } else if (message instanceof PeerMessage.Bitfield b) {
      out.putInt(1 + b.bits().length).put(PeerMessage.BITFIELD).put(b.bits());
    } else if (message instanceof PeerMessage.Extended e) {
      out.putInt(2 + e.payload().length)
          .put(PeerMessage.EXTENDED)
          .put((byte) e.id())
          .put(e.payload());
    } else if (message instanceof PeerMessage.Port p) {
      out.putInt(3).put(PeerMessage.PORT).putShort((short) p.port());
    } else if (message instanceof PeerMessage.KeepAlive) {
      out.putInt(0);
    } else {
      bare(out, bareId(message));
    }
  }

  private static byte bareId(PeerMessage message) {
    if (message instanceof PeerMessage.Choke) {
      return PeerMessage.CHOKE;
    } else if (message instanceof PeerMessage.Unchoke) {
      return PeerMessage.UNCHOKE;
    } else if (message instanceof PeerMessage.Interested) {
      return PeerMessage.INTERESTED;
    } else if (message instanceof PeerMessage.NotInterested) {
      return PeerMessage.NOT_INTERESTED;
    } else if (message instanceof PeerMessage.HaveAll) {
      return PeerMessage.HAVE_ALL;
    } else if (message instanceof PeerMessage.HaveNone) {
      return PeerMessage.HAVE_NONE;
    }
    throw new IllegalArgumentException("unknown message " + message);
  }

  /** Writes a {@code have} message (9 bytes). */
  public static void writeHave(ByteBuffer out, int piece) {
    indexed(out, PeerMessage.HAVE, piece);
  }

  /** Writes a {@code request} message (17 bytes). */
  public static void writeRequest(ByteBuffer out, int piece, int begin, int length) {
    block(out, PeerMessage.REQUEST, piece, begin, length);
  }

  /** Writes a {@code cancel} message (17 bytes). */
  public static void writeCancel(ByteBuffer out, int piece, int begin, int length) {
    block(out, PeerMessage.CANCEL, piece, begin, length);
  }

  /**
   * Writes the 13 bytes that precede a block of {@code blockLength} bytes in a {@code piece}
   * message; the caller then writes the block itself.
   */
  public static void writePieceHeader(ByteBuffer out, int piece, int begin, int blockLength) {
    if (blockLength <= 0 || blockLength > WireLimits.HARD_CAP - 9) {
      throw new IllegalArgumentException("block length out of range: " + blockLength);
    }
    out.putInt(9 + blockLength).put(PeerMessage.PIECE).putInt(piece).putInt(begin);
  }

  private static void bare(ByteBuffer out, byte id) {
    out.putInt(1).put(id);
  }

  private static void indexed(ByteBuffer out, byte id, int piece) {
    out.putInt(5).put(id).putInt(piece);
  }

  private static void block(ByteBuffer out, byte id, int piece, int begin, int length) {
    out.putInt(13).put(id).putInt(piece).putInt(begin).putInt(length);
  }
}
