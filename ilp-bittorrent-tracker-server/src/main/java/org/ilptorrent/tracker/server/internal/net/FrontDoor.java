package org.ilptorrent.tracker.server.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.drafts.Draft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's listening sockets: HTTP/1.1 and WebSocket on the same ports, as npm
 * bittorrent-tracker serves them. A few selector threads share the connections; Java-WebSocket does
 * the WebSocket protocol, this class the sockets, so a reply written while a message is handled
 * leaves in the same round (Java-WebSocket's own server can leave it queued).
 */
public final class FrontDoor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

  final Limits limits;
  final HttpHeadParser parser;
  final Handlers.Http http;
  final WsBridge bridge;
  final List<Draft> drafts;
  private final List<ServerSocketChannel> servers = new ArrayList<>();
  private final List<IoLoop> loops = new ArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger next = new AtomicInteger();
  private volatile boolean closed;

  /**
   * Binds every address and starts {@code ioThreads} selector threads named {@code name-N}.
   *
   * @throws IOException when an address cannot be bound
   */
  public FrontDoor(
      List<InetSocketAddress> addresses,
      Limits limits,
      Handlers.Http http,
      Handlers.WebSocketMessages messages,
      int ioThreads,
      String name)
      throws IOException {
    this.limits = limits;
    this.parser = new HttpHeadParser(limits.maxHeadBytes(), limits.maxHeaders());
    this.http = http;
    this.bridge = new WsBridge(messages);
    this.drafts = List.of(new FrameGuard(limits.maxFrameBytes(), new FrameGuard.Report()));
    try {
      for (int i = 0; i < Math.max(1, ioThreads); i++) {
        loops.add(new IoLoop(name + "-" + (i + 1), this::accept));
      }
      for (InetSocketAddress address : addresses) {
        ServerSocketChannel server = ServerSocketChannel.open();
        servers.add(server);
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(address, 1024);
        server.configureBlocking(false);
        server.register(loops.get(0).selector, SelectionKey.OP_ACCEPT);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
    loops.forEach(l -> l.thread.start());
  }

  /** The bound port of each address, in order. */
  public List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    for (ServerSocketChannel s : servers) {
      ports.add(s.socket().getLocalPort());
    }
    return ports;
  }

  /** Open connections, HTTP and WebSocket. */
  public int connectionCount() {
    return connections.get();
  }

  private void accept(ServerSocketChannel server) {
    for (int i = 0; i < 64; i++) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        LOG.debug("accept failed: {}", e.toString());
        return;
      }
      if (channel == null) {
        return;
      }
      if (closed || connections.incrementAndGet() > limits.maxConnections()) {
        if (!closed) {
          connections.decrementAndGet();
        }
        IoLoop.closeQuietly(channel);
        continue;
      }
      loops.get(Math.floorMod(next.getAndIncrement(), loops.size())).adopt(channel, this);
    }
  }

  /** A connection ended ({@code null}: one that never got going). */
  void closed(FrontConnection c) {
    connections.decrementAndGet();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    servers.forEach(IoLoop::closeQuietly);
    loops.forEach(IoLoop::close);
    for (IoLoop loop : loops) {
      if (loop.thread.isAlive() && loop.thread != Thread.currentThread()) {
        try {
          loop.thread.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
