package org.ilptorrent.netty.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded HTTP/1.1 server on the shared {@link ServerLoops}: Netty's codec with heads of at most
 * 16 KiB and 100 headers, bodies up to a limit, connections capped in all and per remote address, a
 * deadline for each request to arrive (slowloris), an idle timeout, and a {@link #close()} that
 * frees the port and, with the last server of the JVM, the I/O threads, without a grace period.
 */
public final class NettyHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NettyHttpServer.class);

  private final ServerLoops.Lease lease;
  private final List<Channel> serverChannels = new ArrayList<>();
  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
  private final ConnectionLimits limits;
  private final InetSocketAddress address;
  private final AtomicBoolean closed = new AtomicBoolean();

  private NettyHttpServer(Builder b) throws IOException {
    this.limits =
        new ConnectionLimits(b.limits.maxConnections(), b.limits.maxConnectionsPerAddress());
    this.lease = ServerLoops.lease(b.transport);
    ServerLoops loops = lease.loops();
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(b.maxHeadBytes)
            .setMaxHeaderSize(b.maxHeadBytes)
            .setMaxChunkSize(8192)
            .setStrictLineParsing(true);
    long idleNanos = b.limits.idleTimeout().toNanos();
    long requestNanos = b.limits.requestTimeout().toNanos();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops.group())
            .channel(loops.serverChannel())
            .option(ChannelOption.SO_BACKLOG, b.backlog)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    admit(ch, b, decoder, idleNanos, requestNanos);
                  }
                });
    List<Integer> ports = new ArrayList<>();
    ports.add(b.port);
    ports.addAll(b.extraPorts);
    for (int port : ports) {
      ChannelFuture bind = bootstrap.bind(b.host, port).awaitUninterruptibly();
      if (!bind.isSuccess()) {
        serverChannels.forEach(c -> c.close().awaitUninterruptibly());
        lease.close();
        Throwable cause = bind.cause();
        if (cause instanceof IOException io) {
          throw io;
        }
        BindException e = new BindException("cannot listen on " + b.host + ":" + port);
        e.initCause(cause);
        throw e;
      }
      serverChannels.add(bind.channel());
    }
    this.address = (InetSocketAddress) serverChannels.get(0).localAddress();
    LOG.debug("{} listening on {} ({})", b.name, address, loops.transport().label());
  }

  private void admit(
      Channel ch, Builder b, HttpDecoderConfig decoder, long idleNanos, long requestNanos) {
    InetAddress remote = ((InetSocketAddress) ch.remoteAddress()).getAddress();
    if (closed.get() || !limits.tryAcquire(remote)) {
      LOG.debug("{}: connection refused by the connection limits", b.name);
      ch.close();
      return;
    }
    connections.add(ch);
    ch.closeFuture()
        .addListener(
            f -> {
              connections.remove(ch);
              limits.release(remote);
            });
    RequestDeadline deadline = new RequestDeadline(requestNanos);
    ChannelPipeline p = ch.pipeline();
    p.addLast("deadline", deadline);
    p.addLast("idle", new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
    p.addLast("decoder", new StrictRequestDecoder(decoder.clone()));
    p.addLast("encoder", new HttpResponseEncoder());
    p.addLast("head", new HeadCheck(b.headFilter));
    p.addLast("aggregator", new BoundedAggregator(b.maxBodyBytes, b.tooLarge));
    p.addLast(
        "dispatch",
        new Dispatcher(b.service, b.webSockets, b.executor, deadline, b.maxHeaders, b.name));
  }

  /**
   * A builder.
   *
   * @param name names the server in logs ({@code verifier})
   * @param service answers whole requests
   */
  public static Builder builder(String name, HttpService service) {
    Objects.requireNonNull(service);
    return new Builder(name, r -> CompletableFuture.completedFuture(service.handle(r)));
  }

  /**
   * A builder for a service whose answers may come later (after a call to another service), without
   * holding a thread meanwhile.
   *
   * @param name names the server in logs ({@code tracker})
   * @param service answers whole requests, now or later
   */
  public static Builder asyncBuilder(String name, AsyncHttpService service) {
    return new Builder(name, service);
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return address;
  }

  /** The bound port. */
  public int port() {
    return address.getPort();
  }

  /** Every bound port: {@link #port()} first, then the {@link Builder#extraPort extra} ones. */
  public List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    for (Channel c : serverChannels) {
      ports.add(((InetSocketAddress) c.localAddress()).getPort());
    }
    return ports;
  }

  /** The transport this server's loops run on (never {@link ServerTransport#AUTO}). */
  public ServerTransport transport() {
    return lease.loops().transport();
  }

  /** Connections open now. */
  public int openConnections() {
    return limits.open();
  }

  /**
   * Closes the listening socket and every connection (answers in flight are dropped), waits until
   * both are closed, then gives back the event loops. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean mayWait = !(Thread.currentThread() instanceof FastThreadLocalThread);
    List<ChannelFuture> closing = new ArrayList<>();
    for (Channel c : serverChannels) {
      closing.add(c.close());
    }
    for (Channel c : connections) {
      closing.add(c.close());
    }
    if (mayWait) {
      for (ChannelFuture f : closing) {
        f.awaitUninterruptibly(2, TimeUnit.SECONDS);
      }
    }
    lease.close();
  }

  /** Settings of a {@link NettyHttpServer}. */
  public static final class Builder {
    private final String name;
    private final AsyncHttpService service;
    private String host = "127.0.0.1";
    private int port;
    private final List<Integer> extraPorts = new ArrayList<>();
    private HeadFilter headFilter;
    private WebSockets webSockets;
    private int backlog = 1024;
    private ServerLimits limits = ServerLimits.DEFAULTS;
    private int maxHeadBytes = 16 * 1024;
    private int maxHeaders = 100;
    private int maxBodyBytes = 64 * 1024;
    private HttpResponse tooLarge = HttpResponse.text(413, "request entity too large");
    private Executor executor;
    private ServerTransport transport = ServerTransport.AUTO;

    private Builder(String name, AsyncHttpService service) {
      this.name = Objects.requireNonNull(name);
      this.service = Objects.requireNonNull(service);
    }

    /** The address to bind; 127.0.0.1 by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The port; 0 (a free one) by default. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Also listens on this port (0: a free one), with the same service, limits and connection
     * counts; none by default.
     */
    public Builder extraPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      this.extraPorts.add(port);
      return this;
    }

    /** Looks at each request head before its body is read; none by default. */
    public Builder headFilter(HeadFilter filter) {
      this.headFilter = Objects.requireNonNull(filter);
      return this;
    }

    /**
     * Upgrades {@code GET} requests with {@code Upgrade: websocket} (any path) to WebSocket
     * connections served by {@code service}; off by default. A message (a frame, or fragments
     * together) over {@code maxFrameBytes} closes its connection with 1009 (counted in one warning
     * line a minute at most); binary frames close it with 1003; a connection that sends nothing for
     * {@code idle} is closed with 1001. Upgraded connections count against the connection limits
     * and leave the request deadline and the HTTP idle timeout behind.
     */
    public Builder webSocket(WebSocketService service, int maxFrameBytes, Duration idle) {
      if (maxFrameBytes < 125) {
        throw new IllegalArgumentException("the frame limit must be at least 125 bytes");
      }
      this.webSockets =
          new WebSockets(Objects.requireNonNull(service), maxFrameBytes, positive(idle));
      return this;
    }

    /**
     * Open connections allowed in all (20,000 by default) and from one remote address (1,000). Past
     * either, a new connection is closed as soon as it is accepted.
     */
    public Builder maxConnections(int total, int perAddress) {
      this.limits = limits.withConnections(total, perAddress);
      return this;
    }

    /** A connection with no traffic for this long is closed; 60 s by default. */
    public Builder idleTimeout(Duration timeout) {
      this.limits = limits.withTimeouts(timeout, limits.requestTimeout());
      return this;
    }

    /**
     * A request must arrive whole within this time of its first byte, else the connection is
     * closed; 10 s by default.
     */
    public Builder requestTimeout(Duration timeout) {
      this.limits = limits.withTimeouts(limits.idleTimeout(), timeout);
      return this;
    }

    /**
     * The connection caps and timeouts at once, in place of {@link #maxConnections}, {@link
     * #idleTimeout} and {@link #requestTimeout}; {@link ServerLimits#DEFAULTS} by default.
     */
    public Builder limits(ServerLimits limits) {
      this.limits = Objects.requireNonNull(limits);
      return this;
    }

    /** The largest body (64 KiB by default) and the answer to a larger one (413, then close). */
    public Builder maxBody(int bytes, HttpResponse tooLarge) {
      if (bytes < 0) {
        throw new IllegalArgumentException("the body limit must not be negative");
      }
      this.maxBodyBytes = bytes;
      this.tooLarge = Objects.requireNonNull(tooLarge);
      return this;
    }

    /**
     * Runs the service on this executor, for services that block; by default it runs on the event
     * loops and must not block. A full executor is answered with 503.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * The I/O transport; {@link ServerTransport#AUTO} (epoll, else NIO) by default. A native
     * transport that does not load here falls back to the next one down (io_uring, epoll, NIO).
     */
    public Builder transport(ServerTransport transport) {
      this.transport = Objects.requireNonNull(transport);
      return this;
    }

    /** Starts listening. */
    public NettyHttpServer start() throws IOException {
      return new NettyHttpServer(this);
    }

    private static Duration positive(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
      return d;
    }
  }
}
