package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's network thread: one selector for the listening socket and every peer connection, a
 * queue of tasks posted from other threads, and a once-a-second tick. Every session's state is
 * touched only on this thread, so the picker, the choker and the peers need no locks.
 */
public final class EventLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

  /** What the selector hands a ready key to. */
  public interface Handler {
    /** The key is ready for its interest set; runs on the loop thread. */
    void ready(SelectionKey key) throws IOException;

    /** The handler failed or the loop closes: release the channel. */
    void fail(Throwable cause);
  }

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final List<Runnable> tickers = new ArrayList<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long timerSequence;
  private volatile boolean running = true;
  private long nextTick;

  /** Opens the selector and starts the thread named {@code name}. */
  public EventLoop(String name) throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** Starts the thread. */
  public void start() {
    thread.start();
  }

  /** The selector, for registering channels on the loop thread. */
  public Selector selector() {
    return selector;
  }

  /** Whether the caller runs on the loop thread. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the loop thread, soon; ignored once the loop is closed. */
  public void execute(Runnable task) {
    tasks.add(task);
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  /** Adds something to run on every tick (about once a second); loop thread only. */
  public void onTick(Runnable ticker) {
    tickers.add(ticker);
  }

  /** Removes a ticker added with {@link #onTick}; loop thread only. */
  public void removeTicker(Runnable ticker) {
    tickers.remove(ticker);
  }

  /** A task due at {@code at} ({@link System#nanoTime()}); ties keep the order they came in. */
  private record Timer(long at, long sequence, Runnable task) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(at - o.at, 0);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  /**
   * Runs {@code task} on the loop thread once {@code delayNanos} have passed (finer than the tick:
   * rate limits wake waiting transfers with it); loop thread only.
   */
  public void schedule(long delayNanos, Runnable task) {
    timers.add(new Timer(System.nanoTime() + Math.max(0, delayNanos), timerSequence++, task));
  }

  private void run() {
    nextTick = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (running) {
      try {
        Timer next = timers.peek();
        long wakeAt = next != null && next.at - nextTick < 0 ? next.at : nextTick;
        long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wakeAt - System.nanoTime()));
        if (tasks.isEmpty()) {
          selector.select(waitMs);
        } else {
          selector.selectNow();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          dispatch(key);
        }
        selector.selectedKeys().clear();
        runTasks();
        runDueTimers();
        if (System.nanoTime() - nextTick >= 0) {
          nextTick = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
          for (Runnable t : List.copyOf(tickers)) {
            safely(t);
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("network loop error", e);
      }
    }
    runTasks();
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Handler h) {
        h.fail(new IOException("client closed"));
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("closing the selector", e);
    }
  }

  private void dispatch(SelectionKey key) {
    Handler h = (Handler) key.attachment();
    try {
      if (key.isValid()) {
        h.ready(key);
      }
    } catch (CancelledKeyException e) {
      h.fail(new IOException("connection closed", e));
    } catch (IOException | RuntimeException e) {
      h.fail(e);
    }
  }

  private void runTasks() {
    for (int n = tasks.size(); n > 0; n--) {
      Runnable r = tasks.poll();
      if (r == null) {
        break;
      }
      safely(r);
    }
  }

  private void runDueTimers() {
    long now = System.nanoTime();
    while (!timers.isEmpty() && timers.peek().at - now <= 0) {
      safely(timers.poll().task);
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("task failed on the network loop", e);
    }
  }

  /**
   * Stops the loop after the tasks already posted, failing every channel still registered, and
   * waits for the thread. Idempotent.
   */
  @Override
  public void close() throws InterruptedException {
    if (!running) {
      return;
    }
    execute(() -> running = false);
    if (!inLoop()) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }
}
