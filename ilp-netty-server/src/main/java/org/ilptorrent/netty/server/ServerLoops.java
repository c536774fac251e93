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
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops every server of the suite runs on, shared by all servers of one JVM.
 *
 * <p>The paid-flow demo runs a tracker, a verifier and a wallet in one process: each server leases
 * the loops with {@link #lease()} instead of starting its own, so the process has one set of I/O
 * threads (one per core, named {@code ilp-server-io-N}) whatever the number of servers. The loops
 * start with the first lease and stop when the last lease is closed, so a JVM that has closed all
 * its servers keeps no thread behind. The reference count is the only shared state, and it is
 * guarded by the class lock.
 *
 * <p>Transport: epoll on Linux x86_64 when Netty's native library loads, NIO everywhere else. Which
 * one is logged once, at the first start.
 */
public final class ServerLoops {
  private static final Logger LOG = LoggerFactory.getLogger(ServerLoops.class);
  private static final Object LOCK = new Object();
  private static ServerLoops current;
  private static int leases;
  private static boolean logged;

  private final EventLoopGroup group;
  private final Class<? extends ServerChannel> serverChannel;
  private final String transport;

  private ServerLoops(int threads) {
    boolean epoll = epollAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(threads, threadFactory(), io);
    this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    this.transport = epoll ? "epoll" : "nio";
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
        if (--leases == 0) {
          stop = current;
          current = null;
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

  /** Leases the shared loops, starting them if no server holds them. */
  public static Lease lease() {
    synchronized (LOCK) {
      if (current == null) {
        current = new ServerLoops(Math.max(1, Runtime.getRuntime().availableProcessors()));
        if (!logged) {
          logged = true;
          LOG.info("servers use Netty's {} transport", current.transport);
        }
      }
      leases++;
      return new Lease(current);
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

  /** {@code epoll} or {@code nio}. */
  public String transport() {
    return transport;
  }
}
