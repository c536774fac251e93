package org.ilptorrent.webtorrent.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Turns the byte stream after the handshake into {@link PeerMessage}s, fed chunks of any size.
 *
 * <p>A message that is whole inside the chunk is decoded in place: a {@code piece} message's block
 * is a view of the caller's buffer, so the common case copies nothing. Only a message split across
 * chunks is gathered in an internal buffer, which is allocated once per connection and reused. Each
 * length prefix is checked against {@link WireLimits} as soon as its five header bytes are there,
 * before anything is buffered. Messages with ids this decoder does not know are skipped without
 * buffering, as BEP 3 asks. Piece indexes are only checked to fit 31 bits; checking them against
 * the torrent (and whether fast-extension messages were negotiated) is the session's job.
 *
 * <p>One decoder per connection; not thread-safe.
 */
public final class PeerWireDecoder {
  /** Receives decoded messages, on the thread that calls {@link #feed}. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Handles one message; buffers inside it are valid only until this returns, so a block is
     * written to storage (or copied) here.
     *
     * @throws IOException to stop decoding: a {@link PeerProtocolException} to reject the message,
     *     or the storage's own failure; {@link #feed} passes it on
     */
    void accept(PeerMessage message) throws IOException;
  }

  /** A partial buffer larger than this is dropped after use, so one big bitfield is not kept. */
  private static final int KEEP_CAPACITY = 64 * 1024;

  private static final int HEADER = 5;

  private WireLimits limits;
  private ByteBuffer partial = ByteBuffer.allocate(HEADER);
  private int skip;
  private long messages;

  /** A decoder enforcing {@code limits}. */
  public PeerWireDecoder(WireLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Changes the limits, e.g. once the metadata gives the torrent's bitfield size. */
  public void limits(WireLimits newLimits) {
    this.limits = Objects.requireNonNull(newLimits, "limits");
  }

  /** How many messages were decoded so far (keep-alives included). */
  public long messageCount() {
    return messages;
  }

  /** Whether a message has been started and not finished: the stream must not end here. */
  public boolean hasPartialMessage() {
    return skip > 0 || partial.position() > 0;
  }

  /**
   * Consumes all of {@code in}, handing every complete message to {@code sink} in order.
   *
   * @throws PeerProtocolException when the stream breaks the protocol; the decoder is then
   *     unusable, and the connection should be closed
   * @throws IOException what the sink threw, likewise ending the connection's decoding
   */
  public void feed(ByteBuffer in, Sink sink) throws IOException {
    while (in.hasRemaining()) {
      if (skip > 0) {
        int n = Math.min(skip, in.remaining());
        in.position(in.position() + n);
        skip -= n;
      } else if (partial.position() > 0) {
        int state = fillPartial(in);
        if (state == NEED_MORE) {
          return;
        }
        if (state == KEEP_ALIVE) {
          partial.clear();
          emit(sink, PeerMessage.KeepAlive.INSTANCE);
        } else if (state == SKIPPING) {
          partial.clear();
        } else {
          partial.flip();
          decode(partial, 0, partial.getInt(0), sink);
          partial =
              partial.capacity() > KEEP_CAPACITY ? ByteBuffer.allocate(HEADER) : partial.clear();
        }
      } else {
        int p = in.position();
        int available = in.remaining();
        if (available < 4 || (available < HEADER && in.getInt(p) != 0)) {
          partial.put(in);
          return;
        }
        int length = in.getInt(p);
        if (length == 0) {
          in.position(p + 4);
          emit(sink, PeerMessage.KeepAlive.INSTANCE);
          continue;
        }
        boolean known = checkLength(in.get(p + 4), length);
        if (!known) {
          in.position(p + 4);
          skip = length;
        } else if (available - 4 >= length) {
          decode(in, p, length, sink);
          in.position(p + 4 + length);
        } else {
          ensurePartialCapacity(4 + length);
          partial.put(in);
          return;
        }
      }
    }
  }

  private static final int NEED_MORE = 0;
  private static final int COMPLETE = 1;
  private static final int KEEP_ALIVE = 2;
  private static final int SKIPPING = 3;

  /** Copies bytes of the current message into {@code partial} and says how far it got. */
  private int fillPartial(ByteBuffer in) throws PeerProtocolException {
    if (partial.position() < 4) {
      copy(in, 4 - partial.position());
      if (partial.position() < 4) {
        return NEED_MORE;
      }
      if (partial.getInt(0) == 0) {
        return KEEP_ALIVE;
      }
    }
    if (partial.position() < HEADER) {
      copy(in, HEADER - partial.position());
      if (partial.position() < HEADER) {
        return NEED_MORE;
      }
      int length = partial.getInt(0);
      if (!checkLength(partial.get(4), length)) {
        skip = length - 1;
        return SKIPPING;
      }
      ensurePartialCapacity(4 + length);
    }
    int total = 4 + partial.getInt(0);
    copy(in, total - partial.position());
    return partial.position() == total ? COMPLETE : NEED_MORE;
  }

  private void copy(ByteBuffer in, int max) {
    int n = Math.min(max, in.remaining());
    int limit = in.limit();
    in.limit(in.position() + n);
    partial.put(in);
    in.limit(limit);
  }

  private void ensurePartialCapacity(int capacity) {
    if (partial.capacity() < capacity) {
      int size = Math.max(capacity, Math.min(2 * partial.capacity(), WireLimits.HARD_CAP + 4));
      ByteBuffer bigger = ByteBuffer.allocate(size);
      partial.flip();
      bigger.put(partial);
      partial = bigger;
    }
  }

  /** Whether a message of type {@code id} may be {@code length} bytes; false for unknown ids. */
  private boolean checkLength(byte id, int length) throws PeerProtocolException {
    if (length < 0 || length > WireLimits.HARD_CAP) {
      throw new PeerProtocolException(
          "message length " + (length & 0xFFFFFFFFL) + " over the cap of " + WireLimits.HARD_CAP);
    }
    switch (id) {
      case PeerMessage.CHOKE,
          PeerMessage.UNCHOKE,
          PeerMessage.INTERESTED,
          PeerMessage.NOT_INTERESTED,
          PeerMessage.HAVE_ALL,
          PeerMessage.HAVE_NONE ->
          exact(id, length, 1);
      case PeerMessage.HAVE, PeerMessage.SUGGEST_PIECE, PeerMessage.ALLOWED_FAST ->
          exact(id, length, 5);
      case PeerMessage.REQUEST, PeerMessage.CANCEL, PeerMessage.REJECT_REQUEST ->
          exact(id, length, 13);
      case PeerMessage.PORT -> exact(id, length, 3);
      case PeerMessage.BITFIELD -> range(id, length, 2, 1 + limits.maxBitfieldBytes());
      case PeerMessage.PIECE -> range(id, length, 10, 9 + limits.maxBlockLength());
      case PeerMessage.EXTENDED -> range(id, length, 2, 2 + limits.maxExtendedLength());
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void exact(byte id, int length, int expected) throws PeerProtocolException {
    if (length != expected) {
      throw new PeerProtocolException(
          "message id " + id + " must be " + expected + " bytes long, got " + length);
    }
  }

  private static void range(byte id, int length, int min, int max) throws PeerProtocolException {
    if (length < min || length > max) {
      throw new PeerProtocolException(
          "message id " + id + " must be " + min + ".." + max + " bytes long, got " + length);
    }
  }

  /** Decodes the message whose length prefix is at {@code p}; its length was checked. */
  private void decode(ByteBuffer b, int p, int length, Sink sink) throws IOException {
    byte id = b.get(p + 4);
    int q = p + HEADER;
    PeerMessage m =
        switch (id) {
          case PeerMessage.CHOKE -> PeerMessage.Choke.INSTANCE;
          case PeerMessage.UNCHOKE -> PeerMessage.Unchoke.INSTANCE;
          case PeerMessage.INTERESTED -> PeerMessage.Interested.INSTANCE;
          case PeerMessage.NOT_INTERESTED -> PeerMessage.NotInterested.INSTANCE;
          case PeerMessage.HAVE_ALL -> PeerMessage.HaveAll.INSTANCE;
          case PeerMessage.HAVE_NONE -> PeerMessage.HaveNone.INSTANCE;
          case PeerMessage.HAVE -> new PeerMessage.Have(index(b, q, "have piece"));
          case PeerMessage.SUGGEST_PIECE ->
              new PeerMessage.SuggestPiece(index(b, q, "suggested piece"));
          case PeerMessage.ALLOWED_FAST ->
              new PeerMessage.AllowedFast(index(b, q, "allowed fast piece"));
          case PeerMessage.REQUEST ->
              new PeerMessage.Request(
                  index(b, q, "request piece"),
                  index(b, q + 4, "request begin"),
                  positive(b, q + 8, "request length"));
          case PeerMessage.CANCEL ->
              new PeerMessage.Cancel(
                  index(b, q, "cancel piece"),
                  index(b, q + 4, "cancel begin"),
                  positive(b, q + 8, "cancel length"));
          case PeerMessage.REJECT_REQUEST ->
              new PeerMessage.RejectRequest(
                  index(b, q, "reject piece"),
                  index(b, q + 4, "reject begin"),
                  positive(b, q + 8, "reject length"));
          case PeerMessage.PORT -> new PeerMessage.Port(b.getShort(q) & 0xFFFF);
          case PeerMessage.BITFIELD -> {
            byte[] bits = new byte[length - 1];
            b.get(q, bits);
            yield new PeerMessage.Bitfield(bits);
          }
          case PeerMessage.PIECE ->
              new PeerMessage.Piece(
                  index(b, q, "piece index"),
                  index(b, q + 4, "piece begin"),
                  b.slice(q + 8, length - 9));
          case PeerMessage.EXTENDED -> {
            byte[] payload = new byte[length - 2];
            b.get(q + 1, payload);
            yield new PeerMessage.Extended(b.get(q) & 0xFF, payload);
          }
          default -> throw new IllegalStateException("unchecked message id " + id);
        };
    emit(sink, m);
  }

  private void emit(Sink sink, PeerMessage m) throws IOException {
    messages++;
    sink.accept(m);
  }

  private static int index(ByteBuffer b, int at, String what) throws PeerProtocolException {
    int v = b.getInt(at);
    if (v < 0) {
      throw new PeerProtocolException(what + " out of range: " + (v & 0xFFFFFFFFL));
    }
    return v;
  }

  private static int positive(ByteBuffer b, int at, String what) throws PeerProtocolException {
    int v = index(b, at, what);
    if (v == 0) {
      throw new PeerProtocolException(what + " is zero");
    }
    return v;
  }
}
