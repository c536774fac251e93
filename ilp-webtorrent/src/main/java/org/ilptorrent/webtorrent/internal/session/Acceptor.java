package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket shared by every torrent of a client. Accepted connections wait for the
 * peer's handshake, which routes them to a torrent by info hash; one that has not found a torrent
 * within {@link #HANDSHAKE_MILLIS} is closed.
 */
public final class Acceptor implements EventLoop.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
  static final long HANDSHAKE_MILLIS = 10_000;
  private static final int MAX_UNROUTED = 256;

  private final ClientContext ctx;
  private final ServerSocketChannel server;
  private final Set<PeerConnection> unrouted = new HashSet<>();

  /** Takes over a socket bound with {@link #bind}. */
  public Acceptor(ClientContext ctx, ServerSocketChannel server) {
    this.ctx = ctx;
    this.server = server;
  }

  /** A non-blocking listening socket on {@code address} (port 0 for any free port). */
  public static ServerSocketChannel bind(InetSocketAddress address) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      server.bind(address, 128);
      server.configureBlocking(false);
      return server;
    } catch (IOException e) {
      server.close();
      throw e;
    }
  }

  /** Where the socket listens. */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) server.getLocalAddress();
  }

  /** Registers with the loop and starts the handshake timer; loop thread. */
  public void register() throws IOException {
    server.register(ctx.loop.selector(), SelectionKey.OP_ACCEPT, this);
    ctx.loop.onTick(this::tick);
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    for (int i = 0; i < 64; i++) {
      SocketChannel ch = server.accept();
      if (ch == null) {
        return;
      }
      if (unrouted.size() >= MAX_UNROUTED) {
        ch.close();
        continue;
      }
      try {
        unrouted.add(PeerConnection.accepted(ctx, ch));
      } catch (IOException e) {
        ch.close();
        LOG.debug("accepting a connection", e);
      }
    }
  }

  private void tick() {
    long now = ctx.now();
    List<PeerConnection> done = new ArrayList<>();
    for (PeerConnection c : unrouted) {
      if (c.isClosed() || c.owner != null) {
        done.add(c);
      } else if (now - c.openedAt > HANDSHAKE_MILLIS) {
        c.close("no handshake");
        done.add(c);
      }
    }
    done.forEach(unrouted::remove);
  }

  @Override
  public void fail(Throwable cause) {
    close();
  }

  /** Closes the socket and every connection still waiting for a handshake. */
  public void close() {
    for (PeerConnection c : List.copyOf(unrouted)) {
      c.close("client closed");
    }
    unrouted.clear();
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the listening socket", e);
    }
  }
}
