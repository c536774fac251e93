package org.ilptorrent.webtorrent.internal.ext;

import java.util.Arrays;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.bencode.BencodeReader;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/** A BEP 9 ut_metadata message: a dict, followed by the piece's bytes for {@link Data}. */
public sealed interface MetadataMessage {
  /** Metadata is sent in pieces of 16 KiB; only the last may be shorter. */
  int PIECE_LENGTH = 16 * 1024;

  /** The piece the message is about. */
  int piece();

  /** Asks for a piece. */
  record Request(int piece) implements MetadataMessage {
    public Request {
      requirePiece(piece);
    }
  }

  /**
   * A piece of the info dict.
   *
   * @param totalSize the whole info dict's size
   * @param data the piece's bytes (owned by the record)
   */
  record Data(int piece, long totalSize, byte[] data) implements MetadataMessage {
    public Data {
      requirePiece(piece);
      if (totalSize <= 0) {
        throw new IllegalArgumentException("total size must be positive: " + totalSize);
      }
      if (data == null || data.length > PIECE_LENGTH) {
        throw new IllegalArgumentException("data must be at most 16 KiB");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Data other
          && piece == other.piece
          && totalSize == other.totalSize
          && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
      return 31 * piece + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Data[piece=" + piece + ", totalSize=" + totalSize + ", " + data.length + " bytes]";
    }
  }

  /** The sender will not send this piece. */
  record Reject(int piece) implements MetadataMessage {
    public Reject {
      requirePiece(piece);
    }
  }

  /**
   * The answer to a request for {@code piece} of {@code infoBytes} when we have the metadata: that
   * piece's data, or a reject for a piece that does not exist.
   */
  static MetadataMessage answer(byte[] infoBytes, int piece) {
    int pieces = (infoBytes.length + PIECE_LENGTH - 1) / PIECE_LENGTH;
    if (piece < 0 || piece >= pieces) {
      return new Reject(Math.max(piece, 0));
    }
    int from = piece * PIECE_LENGTH;
    int to = Math.min(infoBytes.length, from + PIECE_LENGTH);
    return new Data(piece, infoBytes.length, Arrays.copyOfRange(infoBytes, from, to));
  }

  /** The extended message payload for this message. */
  default byte[] encode() {
    BDictionary.Builder d =
        BDictionary.builder()
            .put("msg_type", this instanceof Request ? 0 : this instanceof Data ? 1 : 2)
            .put("piece", piece());
    if (this instanceof Data data) {
      d.put("total_size", data.totalSize());
    }
    byte[] dict = Bencode.encode(d.build());
    if (!(this instanceof Data data)) {
      return dict;
    }
    byte[] out = Arrays.copyOf(dict, dict.length + data.data().length);
    System.arraycopy(data.data(), 0, out, dict.length, data.data().length);
    return out;
  }

  /**
   * Decodes an extended message payload. Unknown message types are refused; unknown keys ignored.
   *
   * @throws PeerProtocolException when the payload is malformed
   */
  static MetadataMessage decode(byte[] payload) throws PeerProtocolException {
    BencodeReader.Result prefix = PeerBencode.prefix(payload);
    BDictionary d = PeerBencode.asDictionary(prefix.value(), "ut_metadata message");
    long type = PeerBencode.requireInteger(d, "msg_type");
    long piece = PeerBencode.requireInteger(d, "piece");
    if (piece < 0 || piece > Integer.MAX_VALUE) {
      throw new PeerProtocolException("ut_metadata piece out of range: " + piece);
    }
    int rest = payload.length - prefix.end();
    if (type != 1 && rest != 0) {
      throw new PeerProtocolException("ut_metadata message type " + type + " with trailing data");
    }
    if (type == 0) {
      return new Request((int) piece);
    } else if (type == 2) {
      return new Reject((int) piece);
    } else if (type != 1) {
      throw new PeerProtocolException("unknown ut_metadata message type " + type);
    }
    long total = PeerBencode.requireInteger(d, "total_size");
    if (total <= 0) {
      throw new PeerProtocolException("ut_metadata total_size must be positive: " + total);
    }
    if (rest > PIECE_LENGTH) {
      throw new PeerProtocolException("ut_metadata piece of " + rest + " bytes is over 16 KiB");
    }
    return new Data((int) piece, total, Arrays.copyOfRange(payload, prefix.end(), payload.length));
  }

  private static void requirePiece(int piece) {
    if (piece < 0) {
      throw new IllegalArgumentException("piece must not be negative: " + piece);
    }
  }
}
