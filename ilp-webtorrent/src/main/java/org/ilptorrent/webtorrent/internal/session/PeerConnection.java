package org.ilptorrent.webtorrent.internal.session;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.webtorrent.PeerStream;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.internal.mse.MseStream;
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.wire.PeerWireDecoder;
import org.ilptorrent.webtorrent.internal.wire.PeerWireEncoder;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection, over TCP or over a {@link PeerStream} of a transport: connecting, reading
 * into a reused buffer that its {@link PeerOpening} (the optional Message Stream Encryption
 * handshake on TCP, then the BitTorrent handshake) and then the decoder consume in place, and a
 * {@link SendBuffer}. What the messages mean is its {@link ConnectionOwner}'s business. The
 * connection owns the per-peer protocol state ({@link #state}, {@link #access}, {@link
 * #metadataFetch}, {@link #pex}), which the stages read and write; it enforces one rule of it
 * itself: a {@link PeerState#servingLocked} connection never carries what reveals the torrent.
 *
 * <p>Threads: created, driven and closed on the client's loop thread only; nothing here is read
 * from another thread.
 */
final class PeerConnection implements EventLoop.Handler, PeerWireDecoder.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
  static final long RESERVED = Handshake.EXTENSION_PROTOCOL | Handshake.FAST_EXTENSION;

  /** Enough for several blocks per read; 128 KiB reached the same loopback rate as 256 KiB. */
  private static final int READ_BUFFER = 128 * 1024;

  private static final int READS_PER_WAKEUP = 16;

  final ClientContext ctx;

  /** The socket, or the transport's {@link #stream}. */
  final ByteChannel channel;

  /** The transport's stream, which the tracker's signalling admitted; null over TCP. */
  final PeerStream stream;

  /** A wake-up of {@link #stream} is queued on the loop. */
  private final AtomicBoolean wakePending = new AtomicBoolean();

  final boolean outgoing;
  final InetSocketAddress remote;
  ConnectionOwner owner;
  SelectionKey key;

  private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
  final SendBuffer out = new SendBuffer();
  private PeerWireDecoder decoder;
  private boolean reading;
  private boolean closed;

  /** Outgoing: whether this dial starts with MSE; and whether it is already the retry. */
  final boolean encryptedDial;

  final boolean retry;
  boolean redialed;

  /** The payload's RC4 stream once an MSE handshake completed; null on a plaintext connection. */
  MseStream crypto;

  private final PeerOpening opening = new PeerOpening(this);

  /** Blocks are waiting for the client's upload limit: no write interest until it wakes us. */
  private boolean uploadThrottled;

  private final Runnable uploadWakeUp = this::flushQuietly;
  final long openedAt;
  long lastReceived;
  long lastSent;
  Handshake handshake;

  // ---- per-peer state of the stages, owned here
  final PeerState state;
  final PeerAccess access = new PeerAccess();
  final MetadataExchange.PeerRequests metadataFetch = new MetadataExchange.PeerRequests();
  final PexExchange.Sent pex = new PexExchange.Sent();

  PeerConnection(
      ClientContext ctx, ByteChannel channel, boolean outgoing, InetSocketAddress remote) {
    this(ctx, channel, outgoing, remote, false, false);
  }

  PeerConnection(
      ClientContext ctx,
      ByteChannel channel,
      boolean outgoing,
      InetSocketAddress remote,
      boolean encryptedDial,
      boolean retry) {
    this.ctx = ctx;
    this.channel = channel;
    this.stream = channel instanceof PeerStream s ? s : null;
    this.outgoing = outgoing;
    this.remote = remote;
    this.encryptedDial = encryptedDial;
    this.retry = retry;
    long now = ctx.now();
    this.openedAt = now;
    this.lastReceived = now;
    this.lastSent = now;
    this.state = new PeerState(now, System.nanoTime());
  }

  /** Starts connecting to {@code address} for {@code owner} as the policy says; loop thread. */
  static PeerConnection dial(ClientContext ctx, ConnectionOwner owner, InetSocketAddress address)
      throws IOException {
    return dial(ctx, owner, address, Encryption.dialEncrypted(ctx.encryption), false);
  }

  /** Starts connecting, with the MSE handshake first or not; loop thread. */
  static PeerConnection dial(
      ClientContext ctx,
      ConnectionOwner owner,
      InetSocketAddress address,
      boolean encrypted,
      boolean retry)
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
      PeerConnection c = new PeerConnection(ctx, ch, true, address, encrypted, retry);
      c.owner = owner;
      boolean now = ch.connect(address);
      c.key =
          ch.register(ctx.loop.selector(), now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
      if (now) {
        c.opening.connected();
      }
      return c;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Takes an accepted socket; the owner is chosen by the handshake's info hash. */
  static PeerConnection accepted(ClientContext ctx, SocketChannel ch) throws IOException {
    ch.configureBlocking(false);
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    PeerConnection c =
        new PeerConnection(ctx, ch, false, (InetSocketAddress) ch.getRemoteAddress());
    c.key = ch.register(ctx.loop.selector(), SelectionKey.OP_READ, c);
    return c;
  }

  /**
   * Runs the peer wire of {@code owner} over a transport's connected stream: both ends send their
   * handshake at once, as WebTorrent's WebRTC peers do. Loop thread.
   */
  static void attach(ClientContext ctx, ConnectionOwner owner, PeerStream stream) {
    PeerConnection c = new PeerConnection(ctx, stream, false, stream.remoteAddress());
    c.owner = owner;
    if (!owner.acceptIncoming(c)) {
      c.closed = true;
      closeQuietly(stream);
      return;
    }
    stream.start(c::scheduleWake);
    try {
      c.opening.sendHandshake();
    } catch (IOException e) {
      c.close(e.getMessage());
    }
  }

  private void scheduleWake() {
    if (wakePending.compareAndSet(false, true)) {
      ctx.loop.execute(this::wake);
    }
  }

  /** The stream may make progress: read what arrived, then write what waits. Loop thread. */
  private void wake() {
    wakePending.set(false);
    if (closed) {
      return;
    }
    try {
      readAvailable();
    } catch (IOException | RuntimeException e) {
      fail(e);
      return;
    }
    if (!closed && stream.available() > 0) {
      scheduleWake(); // more than one wake-up reads: let the other connections run first
    }
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
    return state.listenPort > 0
        ? Optional.of(new InetSocketAddress(remote.getAddress(), state.listenPort))
        : Optional.empty();
  }

  // ---- the selector side ----

  @Override
  public void ready(SelectionKey k) throws IOException {
    if (k.isConnectable()) {
      ((SocketChannel) channel).finishConnect();
      k.interestOps(SelectionKey.OP_READ);
      opening.connected();
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

  /**
   * Whether to dial this peer again the other way (MSE or plaintext): an outgoing connection the
   * peer accepted and dropped before its handshake, not itself a retry, under a policy that allows
   * both.
   */
  boolean retriesOtherWay() {
    return opening.retriesOtherWay();
  }

  private void readAvailable() throws IOException {
    reading = true;
    try {
      for (int i = 0; i < READS_PER_WAKEUP && !closed; i++) {
        int start = in.position();
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
        if (crypto != null) {
          crypto.decrypt(in, start, in.position());
        }
        in.flip();
        if (decoder == null && !opening.readHandshake(in)) {
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

  /** The peer's handshake arrived: the peer wire starts. */
  void handshakeDone(Handshake hs) throws PeerProtocolException {
    handshake = hs;
    decoder = new PeerWireDecoder(owner.wireLimits());
    owner.onHandshake(this);
  }

  @Override
  public void accept(PeerMessage message) throws IOException {
    if (closed) {
      throw new IOException("connection closed");
    }
    owner.onMessage(this, message);
  }

  /** New limits once the metadata gives the piece count. */
  void limits(WireLimits limits) {
    if (decoder != null) {
      decoder.limits(limits);
    }
  }

  // ---- sending ----

  /** Makes room for {@code bytes} more, or closes a peer that leaves too much unread. */
  boolean room(int bytes) {
    if (closed) {
      return false;
    }
    if (out.room(bytes)) {
      return true;
    }
    close("peer does not read what it asks for");
    return false;
  }

  void sendBare(PeerMessage message) {
    if (state.servingLocked && revealsTheTorrent(message)) {
      return; // the gate's last line: see AccessGate
    }
    if (!room(PeerWireEncoder.encodedLength(message))) {
      return;
    }
    PeerWireEncoder.encode(message, out.buffer());
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
    if (state.servingLocked || !room(9)) {
      return;
    }
    PeerWireEncoder.writeHave(out.buffer(), piece);
    sent();
  }

  void sendRequest(int piece, int begin, int length) {
    if (!room(17)) {
      return;
    }
    PeerWireEncoder.writeRequest(out.buffer(), piece, begin, length);
    sent();
  }

  void sendCancel(int piece, int begin, int length) {
    if (!room(17)) {
      return;
    }
    PeerWireEncoder.writeCancel(out.buffer(), piece, begin, length);
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
    UploadQueue uploads = state.uploads;
    if (state.servingLocked) {
      uploads.drain((p, b, l) -> {});
      return;
    }
    if (closed) {
      return;
    }
    uploadThrottled = false;
    boolean grew =
        out.fill(
            uploads,
            store,
            this::mayUpload,
            length -> {
              ctx.upload.take(length);
              state.up.add(length);
              owner.onUploaded(length);
            });
    if (!grew) {
      close("peer does not read what it asks for");
    }
  }

  /** Whether the client's upload limit lets another block go now; if not, it wakes us later. */
  private boolean mayUpload() {
    uploadThrottled = !ctx.upload.mayStart(uploadWakeUp);
    return !uploadThrottled;
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
    UploadQueue uploads = state.uploads;
    for (int round = 0; round < 8; round++) {
      if (owner != null && !uploads.isEmpty()) {
        owner.pump(this);
      }
      if (out.isEmpty()) {
        break;
      }
      int n = out.writeTo(channel);
      if (n > 0) {
        lastSent = ctx.now();
      }
      if (n == 0) {
        break;
      }
    }
    boolean wantsWrite =
        !out.isEmpty() || (!uploads.isEmpty() && !state.amChoking && !uploadThrottled);
    if (stream != null) {
      if (wantsWrite && out.isEmpty()) {
        scheduleWake(); // the stream took everything: serve the next blocks after other peers
      } // else the stream wakes us once it has room again
    } else if (key.isValid()) {
      int ops = SelectionKey.OP_READ;
      if (wantsWrite) {
        ops |= SelectionKey.OP_WRITE;
      }
      if (key.interestOps() != ops) {
        key.interestOps(ops);
      }
    }
  }

  /** Closes the socket and tells the owner; idempotent. */
  void close(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    LOG.debug("{} closed: {}", this, reason);
    if (key != null) {
      key.cancel();
    }
    closeQuietly(channel);
    if (owner != null) {
      owner.onClosed(this, reason);
    }
  }

  private static void closeQuietly(ByteChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a socket we are done with
    }
  }

  @Override
  public String toString() {
    return (stream != null ? "stream " : outgoing ? "to " : "from ") + remote;
  }
}
