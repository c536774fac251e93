package org.ilptorrent.webtorrent.internal.session;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.wire.PeerWireDecoder;
import org.ilptorrent.webtorrent.internal.wire.PeerWireEncoder;

/**
 * One TCP peer connection on the loop thread: connecting, the handshake (routed by info hash when
 * incoming), reading into a reused buffer that the decoder consumes in place, and one send buffer
 * into which control messages and served blocks (header, then the block read straight from the
 * store) are written. What the messages mean is the session's business; the per-peer protocol state
 * lives here as plain fields the session reads and writes.
 */
final class PeerConnection implements EventLoop.Handler, PeerWireDecoder.Sink {
  static final long RESERVED = Handshake.EXTENSION_PROTOCOL | Handshake.FAST_EXTENSION;

  /** Enough for several blocks per read; 128 KiB reached the same loopback rate as 256 KiB. */
  private static final int READ_BUFFER = 128 * 1024;

  /** Control messages only; the buffer grows to {@link #UPLOAD_BUFFER} when we first upload. */
  private static final int SEND_BUFFER = 16 * 1024;

  private static final int UPLOAD_BUFFER = 512 * 1024;
  private static final int SEND_HIGH_WATER = UPLOAD_BUFFER - 32 * 1024;

  /** Bytes a peer may leave unread in our send buffer before it is dropped. */
  private static final int MAX_SEND_BUFFER = 4 * 1024 * 1024;

  private static final int READS_PER_WAKEUP = 16;

  final ClientContext ctx;
  final SocketChannel channel;
  final boolean outgoing;
  final InetSocketAddress remote;
  TorrentSession session;
  SelectionKey key;

  private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
  private ByteBuffer out = ByteBuffer.allocateDirect(SEND_BUFFER);
  private PeerWireDecoder decoder;
  private boolean handshakeSent;
  private boolean reading;
  private boolean closed;
  final long openedAt;
  long lastReceived;
  long lastSent;
  long lastBlock;

  // ---- protocol state, read and written by the session ----
  Handshake handshake;
  boolean amChoking = true;
  boolean amInterested;
  boolean peerChoking = true;
  boolean peerInterested;
  boolean lenient;
  OptionalInt requestQueue = OptionalInt.empty();
  int utMetadataId;
  int utPexId;
  int listenPort;
  BitSet peerPieces = new BitSet();
  boolean peerSeed;
  byte[] earlyBitfield;
  final BitSet allowedFast = new BitSet();
  final BitSet metadataRequested = new BitSet();

  /** The metadata_size this peer announced (BEP 9), 0 when none. */
  long metadataSize;

  /** When this peer's oldest unanswered metadata request was sent, or it last answered one. */
  long metadataAskedAt;

  /** No metadata requests to this peer before this time: it rejected one or kept silent. */
  long metadataPausedUntil;

  final SentRequests sent = new SentRequests();
  final UploadQueue uploads = new UploadQueue(TorrentSession.OUR_REQQ);
  final RateMeter down;
  final RateMeter up;
  Set<InetSocketAddress> pexSent = new HashSet<>();
  long lastPex;
  int failedPieces;
  int goodPieces;

  // ---- ilp_access (paid torrents), see AccessGate ----
  /** Nothing of the torrent may go to this peer: it has not shown an access ticket yet. */
  boolean servingLocked;

  byte[] accessChallenge;
  int ilpAccessId;
  byte[] peerChallenge;
  boolean proofSent;
  boolean grantedByPeer;
  org.ilptorrent.webtorrent.internal.ext.ExtensionHandshake extensionHandshake;

  PeerConnection(
      ClientContext ctx, SocketChannel channel, boolean outgoing, InetSocketAddress remote) {
    this.ctx = ctx;
    this.channel = channel;
    this.outgoing = outgoing;
    this.remote = remote;
    long now = ctx.now();
    this.openedAt = now;
    this.lastReceived = now;
    this.lastSent = now;
    this.lastBlock = now;
    this.down = new RateMeter(System.nanoTime());
    this.up = new RateMeter(System.nanoTime());
  }

  /** Starts connecting to {@code address} for {@code session}; loop thread. */
  static PeerConnection dial(ClientContext ctx, TorrentSession session, InetSocketAddress address)
      throws IOException {
    SocketChannel ch = SocketChannel.open();
    try {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InetSocketAddress local = ctx.listenAddress;
      if (local != null && !local.getAddress().isAnyLocalAddress()) {
        // dial from the address we listen on, so a client on 127.0.0.2 is seen as 127.0.0.2
        ch.bind(new InetSocketAddress(local.getAddress(), 0));
      }
      PeerConnection c = new PeerConnection(ctx, ch, true, address);
      c.session = session;
      boolean now = ch.connect(address);
      c.key =
          ch.register(ctx.loop.selector(), now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
      if (now) {
        c.sendHandshake();
      }
      return c;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Takes an accepted socket; the session is chosen by the handshake's info hash. */
  static PeerConnection accepted(ClientContext ctx, SocketChannel ch) throws IOException {
    ch.configureBlocking(false);
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    PeerConnection c =
        new PeerConnection(ctx, ch, false, (InetSocketAddress) ch.getRemoteAddress());
    c.key = ch.register(ctx.loop.selector(), SelectionKey.OP_READ, c);
    return c;
  }

  boolean isClosed() {
    return closed;
  }

  boolean isActive() {
    return decoder != null && !closed;
  }

  boolean fast() {
    return handshake != null && handshake.supportsFastExtension();
  }

  PeerId peerId() {
    return handshake.peerId();
  }

  /** The address the peer listens on, when known (dialed, or announced in its handshake). */
  Optional<InetSocketAddress> listenAddress() {
    if (outgoing) {
      return Optional.of(remote);
    }
    return listenPort > 0
        ? Optional.of(new InetSocketAddress(remote.getAddress(), listenPort))
        : Optional.empty();
  }

  // ---- the selector side ----

  @Override
  public void ready(SelectionKey k) throws IOException {
    if (k.isConnectable()) {
      channel.finishConnect();
      k.interestOps(SelectionKey.OP_READ);
      sendHandshake();
    }
    if (k.isValid() && k.isReadable()) {
      readAvailable();
    }
    if (!closed && k.isValid() && k.isWritable()) {
      flush();
    }
  }

  @Override
  public void fail(Throwable cause) {
    close(cause instanceof EOFException ? cause.getMessage() : String.valueOf(cause.getMessage()));
  }

  private void readAvailable() throws IOException {
    reading = true;
    try {
      for (int i = 0; i < READS_PER_WAKEUP && !closed; i++) {
        int n = channel.read(in);
        if (n < 0) {
          throw new EOFException(
              decoder != null && decoder.hasPartialMessage()
                  ? "connection ended inside a message"
                  : "connection closed by peer");
        }
        if (n == 0) {
          break;
        }
        lastReceived = ctx.now();
        in.flip();
        if (decoder == null && !readHandshake()) {
          in.compact();
          continue;
        }
        if (!closed) {
          decoder.feed(in, this);
        }
        in.clear();
      }
    } finally {
      reading = false;
    }
    if (!closed) {
      flush();
    }
  }

  /** Consumes the peer's handshake once whole; false while it is still arriving. */
  private boolean readHandshake() throws IOException {
    if (session == null) {
      Optional<InfoHash> hash = Handshake.peekInfoHash(in);
      if (hash.isEmpty()) {
        return false;
      }
      TorrentSession s = ctx.route(hash.get());
      if (s == null || !s.acceptIncoming(this)) {
        throw new PeerProtocolException("no torrent " + hash.get().toHex() + " here");
      }
      session = s;
      sendHandshake();
    }
    Optional<Handshake> hs = Handshake.read(in);
    if (hs.isEmpty()) {
      return false;
    }
    if (!hs.get().infoHash().equals(session.infoHash())) {
      throw new PeerProtocolException("handshake for another torrent");
    }
    handshake = hs.get();
    decoder = new PeerWireDecoder(session.wireLimits());
    session.onHandshake(this);
    return true;
  }

  private void sendHandshake() throws IOException {
    if (!handshakeSent) {
      handshakeSent = true;
      if (!room(Handshake.LENGTH)) {
        return;
      }
      new Handshake(RESERVED, session.infoHash(), ctx.peerId).writeTo(out);
      flush();
    }
  }

  @Override
  public void accept(PeerMessage message) throws IOException {
    if (closed) {
      throw new IOException("connection closed");
    }
    session.onMessage(this, message);
  }

  /** New limits once the metadata gives the piece count. */
  void limits(org.ilptorrent.webtorrent.internal.wire.WireLimits limits) {
    if (decoder != null) {
      decoder.limits(limits);
    }
  }

  // ---- sending ----

  /**
   * Makes room for {@code bytes} more; false (and the connection closed) when that would pass
   * {@link #MAX_SEND_BUFFER}: a peer that asks and never reads must not make us buffer without end.
   */
  private boolean room(int bytes) {
    if (closed) {
      return false;
    }
    if (out.remaining() >= bytes) {
      return true;
    }
    if (out.position() + bytes > MAX_SEND_BUFFER) {
      close("peer does not read what it asks for");
      return false;
    }
    ByteBuffer bigger =
        ByteBuffer.allocateDirect(Math.max(out.capacity() * 2, out.position() + bytes));
    out.flip();
    bigger.put(out);
    out = bigger;
    return true;
  }

  void sendBare(PeerMessage message) {
    if (servingLocked && revealsTheTorrent(message)) {
      return; // the gate's last line: see AccessGate
    }
    if (!room(PeerWireEncoder.encodedLength(message))) {
      return;
    }
    PeerWireEncoder.encode(message, out);
    sent();
  }

  /** What a locked connection of a paid torrent must never carry. */
  private static boolean revealsTheTorrent(PeerMessage m) {
    return m instanceof PeerMessage.Bitfield
        || m instanceof PeerMessage.HaveAll
        || m instanceof PeerMessage.Have
        || m instanceof PeerMessage.Piece
        || m instanceof PeerMessage.Unchoke
        || m instanceof PeerMessage.AllowedFast
        || m instanceof PeerMessage.SuggestPiece;
  }

  void sendHave(int piece) {
    if (servingLocked || !room(9)) {
      return;
    }
    PeerWireEncoder.writeHave(out, piece);
    sent();
  }

  void sendRequest(int piece, int begin, int length) {
    if (!room(17)) {
      return;
    }
    PeerWireEncoder.writeRequest(out, piece, begin, length);
    sent();
  }

  void sendCancel(int piece, int begin, int length) {
    if (!room(17)) {
      return;
    }
    PeerWireEncoder.writeCancel(out, piece, begin, length);
    sent();
  }

  void sendReject(int piece, int begin, int length) {
    sendBare(new PeerMessage.RejectRequest(piece, begin, length));
  }

  void sendExtended(int id, byte[] payload) {
    sendBare(new PeerMessage.Extended(id, payload));
  }

  private void sent() {
    if (!reading) {
      flushQuietly();
    }
  }

  /** Serves queued requests while the send buffer has room, reading blocks from {@code store}. */
  void pumpUploads(PieceStore store) throws IOException {
    if (servingLocked) {
      uploads.drain((p, b, l) -> {});
      return;
    }
    if (out.capacity() < UPLOAD_BUFFER
        && !uploads.isEmpty()
        && !room(UPLOAD_BUFFER - out.position())) {
      return;
    }
    while (!uploads.isEmpty() && out.position() < SEND_HIGH_WATER) {
      int length = uploads.peekLength();
      if (out.remaining() < PeerWireEncoder.PIECE_HEADER_LENGTH + length) {
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
      up.add(length);
      session.onUploaded(length);
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (IOException e) {
      close(e.getMessage());
    }
  }

  /** Writes what the socket takes, serving more blocks as room frees; then sets the interest. */
  void flush() throws IOException {
    if (closed) {
      return;
    }
    for (int round = 0; round < 8; round++) {
      if (session != null && !uploads.isEmpty()) {
        session.pump(this);
      }
      if (out.position() == 0) {
        break;
      }
      out.flip();
      int n = channel.write(out);
      out.compact();
      if (n > 0) {
        lastSent = ctx.now();
      }
      if (n == 0) {
        break;
      }
    }
    if (key.isValid()) {
      int ops = SelectionKey.OP_READ;
      if (out.position() > 0 || (!uploads.isEmpty() && !amChoking)) {
        ops |= SelectionKey.OP_WRITE;
      }
      if (key.interestOps() != ops) {
        key.interestOps(ops);
      }
    }
  }

  /** Closes the socket and tells the session; idempotent. */
  void close(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException e) {
      // closing a socket we are done with
    }
    if (session != null) {
      session.onClosed(this, reason);
    }
  }

  @Override
  public String toString() {
    return (outgoing ? "to " : "from ") + remote;
  }
}
