package org.ilptorrent.netty.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops every server of the suite runs on, shared by all servers of one JVM.
 *
 * <p>The paid-flow demo runs a tracker, a verifier and a wallet in one process: each server leases
 * the loops with {@link #lease(ServerTransport)} instead of starting its own, so the process has
 * one set of I/O threads (one per core, named {@code ilp-server-io-N}) whatever the number of
 * servers. The loops start with the first lease and stop when the last lease is closed, so a JVM
 * that has closed all its servers keeps no thread behind. Servers that ask for different transports
 * get one set of loops per transport. The leases are the only shared state, guarded by the class
 * lock.
 *
 * <p>Transport ({@link ServerTransport}): epoll by default, io_uring when chosen, NIO where neither
 * loads (the native ones need Linux x86_64 and Netty's native library; io_uring also a kernel that
 * allows it). Which one is logged once per transport, at its first start.
 */
public final class ServerLoops {
  private static final Logger LOG = LoggerFactory.getLogger(ServerLoops.class);
  private static final Object LOCK = new Object();
  private static final Map<ServerTransport, ServerLoops> CURRENT =
      new EnumMap<>(ServerTransport.class);
  private static final Map<ServerTransport, Integer> LEASES = new EnumMap<>(ServerTransport.class);
  private static final Set<ServerTransport> LOGGED = EnumSet.noneOf(ServerTransport.class);

  private final EventLoopGroup group;
  private final Class<? extends ServerChannel> serverChannel;
  private final ServerTransport transport;

  private ServerLoops(ServerTransport transport, int threads) {
    this.transport = transport;
    IoHandlerFactory io =
        switch (transport) {
          case IO_URING -> IoUringIoHandler.newFactory();
          case EPOLL -> EpollIoHandler.newFactory();
          default -> NioIoHandler.newFactory();
        };
    this.group = new MultiThreadIoEventLoopGroup(threads, threadFactory(), io);
    this.serverChannel =
        switch (transport) {
          case IO_URING -> IoUringServerSocketChannel.class;
          case EPOLL -> EpollServerSocketChannel.class;
          default -> NioServerSocketChannel.class;
        };
  }

  /**
   * The transport that {@code requested} comes to here, never {@link ServerTransport#AUTO}: for
   * {@code AUTO} epoll, else NIO; for {@code IO_URING} io_uring, else epoll, else NIO; for {@code
   * EPOLL} epoll, else NIO. io_uring is not the default: measured with the tracker's WebSocket
   * announces it did not do clearly more per CPU-second than epoll (ilp-benchmarks/README.md).
   */
  static ServerTransport resolve(ServerTransport requested) {
    if (requested == ServerTransport.IO_URING && ioUringAvailable()) {
      return ServerTransport.IO_URING;
    }
    if (requested != ServerTransport.NIO && epollAvailable()) {
      return ServerTransport.EPOLL;
    }
    return ServerTransport.NIO;
  }

  private static boolean ioUringAvailable() {
    try {
      return IoUring.isAvailable();
    } catch (LinkageError e) {
      return false;
    }
  }

  private static boolean epollAvailable() {
    try {
      return Epoll.isAvailable();
    } catch (LinkageError e) {
      return false;
    }
  }

  private static ThreadFactory threadFactory() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new FastThreadLocalThread(r, "ilp-server-io-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** A lease on the shared loops; closing it (once) gives them back. */
  public static final class Lease implements AutoCloseable {
    private final ServerLoops loops;
    private boolean closed;

    private Lease(ServerLoops loops) {
      this.loops = loops;
    }

    /** The loops this lease holds. */
    public ServerLoops loops() {
      return loops;
    }

    /**
     * Gives the loops back; the last lease stops their threads and waits (briefly: no quiet period)
     * until they are gone. Idempotent.
     */
    @Override
    public void close() {
      ServerLoops stop = null;
      synchronized (LOCK) {
        if (closed) {
          return;
        }
        closed = true;
        int left = LEASES.merge(loops.transport, -1, Integer::sum);
        if (left == 0) {
          LEASES.remove(loops.transport);
          stop = CURRENT.remove(loops.transport);
        }
      }
      if (stop != null) {
        stop.group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        boolean onLoop = Thread.currentThread() instanceof FastThreadLocalThread;
        if (!onLoop) {
          stop.group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  /**
   * Leases the shared loops of {@code transport} (as {@link #resolve resolved} here), starting them
   * if no server holds them.
   */
  public static Lease lease(ServerTransport transport) {
    ServerTransport actual = resolve(transport);
    synchronized (LOCK) {
      ServerLoops loops = CURRENT.get(actual);
      if (loops == null) {
        loops = new ServerLoops(actual, Math.max(1, Runtime.getRuntime().availableProcessors()));
        CURRENT.put(actual, loops);
        if (LOGGED.add(actual)) {
          LOG.info("servers use Netty's {} transport", actual.label());
        }
      }
      LEASES.merge(actual, 1, Integer::sum);
      return new Lease(loops);
    }
  }

  /** The event loops (accept and I/O share them). */
  public EventLoopGroup group() {
    return group;
  }

  /** The server channel class that goes with the loops' transport. */
  public Class<? extends ServerChannel> serverChannel() {
    return serverChannel;
  }

  /** The transport these loops run on: never {@link ServerTransport#AUTO}. */
  public ServerTransport transport() {
    return transport;
  }
}
