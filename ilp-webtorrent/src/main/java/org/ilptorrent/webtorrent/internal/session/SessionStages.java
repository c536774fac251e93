package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.pick.PipelineDepth;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;

/**
 * The stages of one torrent, built and wired by hand: each gets only the state and the callbacks it
 * uses, never the session. Also what the torrent's connections talk to ({@link ConnectionOwner}):
 * it routes their lifecycle to the stages, and ticks them.
 *
 * <p>Threads: loop thread only, except {@link PeerPool#count()} and {@link
 * PieceCompletion#verifiedBytes()} which the public handle reads.
 */
final class SessionStages {

  static final long IDLE_MILLIS = 120_000;
  static final long KEEP_ALIVE_MILLIS = 90_000;
  static final long CONNECT_MILLIS = 5_000;

  private final ClientContext ctx;
  private final InfoHash infoHash;
  private final TorrentState torrent;
  private final SessionEvents events;
  private final TransferCounters counters;
  private final BooleanSupplier closed;

  final PeerPool pool;
  final List<PeerConnection> peers;
  final PieceCompletion completion;
  final Downloader downloader;
  final Uploader uploader;
  final MetadataExchange metadataExchange;
  final PexExchange pex;

  /** The access-ticket gate; on for a paid torrent. */
  final AccessGate gate;

  final SessionMessages messages;
  final ConnectionOwner connections = new Connections();

  /**
   * @param fail a terminal failure of the torrent
   * @param closed whether the torrent was removed or failed
   * @param metadataFetched takes a magnet's .torrent bytes made from the verified info dict
   */
  SessionStages(
      ClientContext ctx,
      InfoHash infoHash,
      TorrentState torrent,
      SessionEvents events,
      PieceAvailability availability,
      TransferCounters counters,
      PipelineDepth pipeline,
      Random random,
      Consumer<Throwable> fail,
      BooleanSupplier closed,
      Consumer<byte[]> metadataFetched) {
    this.ctx = ctx;
    this.infoHash = infoHash;
    this.torrent = torrent;
    this.events = events;
    this.counters = counters;
    this.closed = closed;
    this.pool = new PeerPool(ctx, connections, events);
    this.peers = pool.peers();
    this.completion =
        new PieceCompletion(
            torrent,
            ctx.hasher,
            ctx.loop::execute,
            ctx.banAfterFailedPieces,
            pool,
            availability,
            events,
            new PieceCompletion.Peers() {
              // the downloader is built next, and needs completion itself
              @Override
              public void refillAll() {
                downloader.refillAll();
              }

              @Override
              public void doneWith(PeerConnection p) {
                downloader.doneWith(p);
              }
            },
            fail,
            closed);
    this.downloader =
        new Downloader(
            torrent, pipeline, completion, counters, peers, ctx::now, fail, ctx.download);
    this.uploader =
        new Uploader(torrent, new Choker(ctx.uploadSlots, random), peers, completion::isSeeding);
    this.metadataExchange =
        new MetadataExchange(torrent, infoHash, ctx::now, pool, events, metadataFetched);
    this.pex = new PexExchange(torrent, peers, this::offer);
    this.gate =
        new AccessGate(
            infoHash,
            torrent,
            peers,
            ctx::now,
            metadataExchange::onAccessGranted,
            uploader::unchokeIfSlot);
    this.messages =
        new SessionMessages(
            torrent,
            downloader,
            uploader,
            gate,
            metadataExchange,
            pex,
            () -> ctx.listenAddress == null ? 0 : ctx.listenAddress.getPort(),
            completion::isSeeding);
  }

  /** A peer address to connect to, unless the torrent is closed. */
  void offer(InetSocketAddress address) {
    if (!closed.getAsBoolean()) {
      pool.offer(address);
    }
  }

  /** Once a second: rates, idle and handshake timeouts, keep-alives, snubs, each stage's timers. */
  void tick(long now, long nanos) {
    counters.tick(nanos);
    pool.expireConnecting(now, CONNECT_MILLIS);
    pool.retryDue(now);
    for (PeerConnection p : List.copyOf(peers)) {
      p.state.down.tick(nanos);
      p.state.up.tick(nanos);
      if (now - p.lastReceived > IDLE_MILLIS) {
        p.close("idle for two minutes");
      } else if (now - p.lastSent > KEEP_ALIVE_MILLIS) {
        p.sendBare(PeerMessage.KeepAlive.INSTANCE);
      }
      downloader.checkSnubbed(p, now);
    }
    uploader.tick(now);
    metadataExchange.tick(now);
    if (gate.isOn()) {
      gate.tick(now);
    } else {
      pex.tick(now);
    }
    pool.connectMore();
  }

  /** The torrent as its connections see it. */
  private final class Connections implements ConnectionOwner {
    @Override
    public InfoHash infoHash() {
      return infoHash;
    }

    @Override
    public WireLimits wireLimits() {
      return torrent.limits();
    }

    @Override
    public boolean acceptIncoming(PeerConnection c) {
      return !closed.getAsBoolean() && pool.acceptIncoming(c);
    }

    @Override
    public void onHandshake(PeerConnection c) throws PeerProtocolException {
      if (pool.admit(c)) {
        c.limits(torrent.limits());
        events.emit(l -> l.onPeerConnected(c.remote));
        messages.greet(c);
      }
    }

    @Override
    public void onMessage(PeerConnection c, PeerMessage m) throws IOException {
      messages.onMessage(c, m);
    }

    @Override
    public void onClosed(PeerConnection c, String reason) {
      if (pool.remove(c)) {
        PiecePicker<PeerConnection> picker = torrent.picker();
        if (picker != null) {
          picker.peerGone(c);
          completion.peerGone(c);
        }
        metadataExchange.peerGone(c);
        uploader.peerGone(c);
        events.emit(l -> l.onPeerDisconnected(c.remote));
        if (!closed.getAsBoolean()) {
          downloader.refillAll();
        }
      } else if (c.outgoing && c.handshake == null && !c.redialed && !closed.getAsBoolean()) {
        events.warn("cannot connect to " + c.remote + ": " + reason);
      }
      if (!closed.getAsBoolean()) {
        pool.connectMore();
      }
    }

    @Override
    public void pump(PeerConnection c) throws IOException {
      uploader.pump(c);
    }

    @Override
    public void onUploaded(int bytes) {
      counters.uploaded(bytes);
    }
  }
}
