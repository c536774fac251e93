package org.ilptorrent.webtorrent.internal.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A peer wire message after the handshake: BEP 3, the fast extension (BEP 6) and the extension
 * protocol's envelope (BEP 10). Buffers inside messages handed out by {@link PeerWireDecoder} are
 * views into the decoder's input, valid only during the sink call.
 */
public sealed interface PeerMessage {
  /** Message ids on the wire. */
  byte CHOKE = 0;

  byte UNCHOKE = 1;
  byte INTERESTED = 2;
  byte NOT_INTERESTED = 3;
  byte HAVE = 4;
  byte BITFIELD = 5;
  byte REQUEST = 6;
  byte PIECE = 7;
  byte CANCEL = 8;
  byte PORT = 9;
  byte SUGGEST_PIECE = 0x0D;
  byte HAVE_ALL = 0x0E;
  byte HAVE_NONE = 0x0F;
  byte REJECT_REQUEST = 0x10;
  byte ALLOWED_FAST = 0x11;
  byte EXTENDED = 20;

  /** A zero-length message that keeps the connection open. */
  record KeepAlive() implements PeerMessage {
    public static final KeepAlive INSTANCE = new KeepAlive();
  }

  /** The sender will not answer requests. */
  record Choke() implements PeerMessage {
    public static final Choke INSTANCE = new Choke();
  }

  /** The sender will answer requests. */
  record Unchoke() implements PeerMessage {
    public static final Unchoke INSTANCE = new Unchoke();
  }

  /** The sender wants pieces the receiver has. */
  record Interested() implements PeerMessage {
    public static final Interested INSTANCE = new Interested();
  }

  /** The sender wants nothing from the receiver. */
  record NotInterested() implements PeerMessage {
    public static final NotInterested INSTANCE = new NotInterested();
  }

  /** The sender has verified {@code piece}. */
  record Have(int piece) implements PeerMessage {
    public Have {
      requireIndex(piece, "piece");
    }
  }

  /**
   * The pieces the sender has, bit 7 of byte 0 being piece 0. The array is the message's own; the
   * record does not copy it, so it compares by content.
   */
  record Bitfield(byte[] bits) implements PeerMessage {
    public Bitfield {
      if (bits == null) {
        throw new IllegalArgumentException("bitfield is null");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bitfield other && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
      return "Bitfield[" + bits.length + " bytes]";
    }
  }

  /** Asks for {@code length} bytes of {@code piece} from {@code begin}. */
  record Request(int piece, int begin, int length) implements PeerMessage {
    public Request {
      requireBlock(piece, begin, length);
    }
  }

  /**
   * A block of data. Decoded blocks are views into the decoder's buffers and must be consumed (or
   * copied) before the sink returns.
   */
  record Piece(int piece, int begin, ByteBuffer block) implements PeerMessage {
    public Piece {
      requireIndex(piece, "piece");
      requireIndex(begin, "begin");
      if (block == null || !block.hasRemaining()) {
        throw new IllegalArgumentException("block is empty");
      }
    }
  }

  /** Withdraws a {@link Request}. */
  record Cancel(int piece, int begin, int length) implements PeerMessage {
    public Cancel {
      requireBlock(piece, begin, length);
    }
  }

  /** The sender's DHT port. */
  record Port(int port) implements PeerMessage {
    public Port {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }
  }

  /** Fast extension: the sender suggests downloading {@code piece}. */
  record SuggestPiece(int piece) implements PeerMessage {
    public SuggestPiece {
      requireIndex(piece, "piece");
    }
  }

  /** Fast extension: the sender has every piece (instead of a full bitfield). */
  record HaveAll() implements PeerMessage {
    public static final HaveAll INSTANCE = new HaveAll();
  }

  /** Fast extension: the sender has no piece. */
  record HaveNone() implements PeerMessage {
    public static final HaveNone INSTANCE = new HaveNone();
  }

  /** Fast extension: the sender will not answer this request. */
  record RejectRequest(int piece, int begin, int length) implements PeerMessage {
    public RejectRequest {
      requireBlock(piece, begin, length);
    }
  }

  /** Fast extension: the receiver may request {@code piece} even while choked. */
  record AllowedFast(int piece) implements PeerMessage {
    public AllowedFast {
      requireIndex(piece, "piece");
    }
  }

  /**
   * An extension protocol message (BEP 10): id 0 is the extension handshake, other ids are the ones
   * the receiver assigned in its handshake. The payload is a copy owned by the record.
   */
  record Extended(int id, byte[] payload) implements PeerMessage {
    public Extended {
      if (id < 0 || id > 0xFF) {
        throw new IllegalArgumentException("extended message id out of range: " + id);
      }
      if (payload == null) {
        throw new IllegalArgumentException("payload is null");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Extended other && id == other.id && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
      return 31 * id + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      int shown = Math.min(payload.length, 32);
      return "Extended[id="
          + id
          + ", "
          + payload.length
          + " bytes: "
          + HexFormat.of().formatHex(payload, 0, shown)
          + (shown < payload.length ? "…]" : "]");
    }
  }

  private static void requireIndex(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + (value & 0xFFFFFFFFL));
    }
  }

  private static void requireBlock(int piece, int begin, int length) {
    requireIndex(piece, "piece");
    requireIndex(begin, "begin");
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive: " + (length & 0xFFFFFFFFL));
    }
  }
}
