package org.ilptorrent.tracker.server.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread: reads and writes its connections, runs tasks posted from other threads, and
 * closes connections that overstay their limits. Work a read causes (answers, forwarded offers to
 * connections of this loop) is written at the end of that round, one write per connection.
 */
final class IoLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);

  final Selector selector;
  final Thread thread;
  final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final ArrayDeque<FrontConnection> dirty = new ArrayDeque<>();
  private final Set<FrontConnection> connections = ConcurrentHashMap.newKeySet();
  private final Consumer<ServerSocketChannel> acceptor;
  private volatile boolean closed;
  private long lastSweep = System.nanoTime();

  IoLoop(String name, Consumer<ServerSocketChannel> acceptor) throws IOException {
    this.selector = Selector.open();
    this.acceptor = acceptor;
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
  }

  /** Runs {@code task} on this loop's thread. */
  void execute(Runnable task) {
    tasks.add(task);
    if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** Writes the connection's pending bytes soon: at the end of this round when on the loop. */
  void requestFlush(FrontConnection c) {
    if (!c.flushScheduled.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() == thread) {
      dirty.add(c);
    } else {
      execute(() -> flush(c));
    }
  }

  void adopt(SocketChannel channel, FrontDoor door) {
    execute(
        () -> {
          try {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            FrontConnection c = new FrontConnection(this, door, channel);
            c.key = channel.register(selector, SelectionKey.OP_READ, c);
            connections.add(c);
          } catch (IOException e) {
            door.closed(null);
            closeQuietly(channel);
          }
        });
  }

  void forget(FrontConnection c) {
    connections.remove(c);
  }

  int size() {
    return connections.size();
  }

  @Override
  public void run() {
    while (!closed) {
      try {
        // Tasks this thread posted itself (a connection it accepted) must not wait for a wakeup.
        if (tasks.isEmpty()) {
          selector.select(250);
        } else {
          selector.selectNow();
        }
        wakeupPending.set(false);
        runTasks();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            acceptor.accept((ServerSocketChannel) key.channel());
            continue;
          }
          FrontConnection c = (FrontConnection) key.attachment();
          try {
            if (key.isWritable()) {
              c.flush();
            }
            if (key.isValid() && key.isReadable()) {
              c.readable();
            }
          } catch (IOException | RuntimeException e) {
            LOG.debug("connection failed: {}", e.toString());
            c.abort();
          }
        }
        flushDirty();
        sweep();
      } catch (IOException | RuntimeException e) {
        LOG.warn("tracker I/O loop error: {}", e.toString());
      }
    }
    for (FrontConnection c : new ArrayList<>(connections)) {
      c.abort();
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("selector close failed: {}", e.toString());
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("tracker task failed: {}", e.toString());
      }
      flushDirty();
    }
  }

  private void flushDirty() {
    FrontConnection c;
    while ((c = dirty.poll()) != null) {
      flush(c);
    }
  }

  private static void flush(FrontConnection c) {
    c.flushScheduled.set(false);
    try {
      c.flush();
    } catch (IOException | RuntimeException e) {
      c.abort();
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    if (now - lastSweep < 1_000_000_000L) {
      return;
    }
    lastSweep = now;
    for (FrontConnection c : new ArrayList<>(connections)) {
      c.checkTimeouts(now);
    }
    flushDirty();
  }

  void close() {
    closed = true;
    selector.wakeup();
  }

  static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("close failed: {}", e.toString());
    }
  }
}
