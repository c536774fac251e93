package org.ilptorrent.discovery.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ilptorrent.discovery.DiscoveryListener;
import org.ilptorrent.discovery.PeerSource;
import org.ilptorrent.magnet.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one discovery's events to its listener: one at a time, in order, on the application's
 * executor or a thread of its own; each peer address once within the deduplication window, and only
 * while peers are wanted (between start and stop). Nothing is delivered after {@link #close()}.
 */
public final class DiscoveryEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryEvents.class);
  private static final int MAX_REMEMBERED_PEERS = 10_000;

  private final InfoHash infoHash;
  private final DiscoveryListener listener;
  private final ExecutorService ownExecutor;
  private final Executor executor;
  private final PeerDeduplicator dedup;
  private volatile boolean wantPeers;
  private volatile boolean closed;

  /**
   * @param executor runs listener calls; {@code null}: a thread of this discovery's own, {@code
   *     ilp-discovery-events-N}, that ends when idle
   */
  public DiscoveryEvents(
      InfoHash infoHash,
      DiscoveryListener listener,
      Executor executor,
      Duration dedupWindow,
      Clock clock) {
    this.infoHash = infoHash;
    this.listener = listener;
    this.dedup = new PeerDeduplicator(dedupWindow, MAX_REMEMBERED_PEERS, clock);
    if (executor == null) {
      // At most one thread, and none while idle: a thousand quiet torrents cost no threads.
      this.ownExecutor =
          new ThreadPoolExecutor(
              0,
              1,
              5,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              DaemonThreads.factory("events"));
      this.executor = new SerialExecutor(ownExecutor);
    } else {
      this.ownExecutor = null;
      this.executor = new SerialExecutor(executor);
    }
  }

  /** Whether peers are reported: from start until stop. */
  public void wantPeers(boolean want) {
    this.wantPeers = want;
  }

  /** Forgets the peers reported, so that they are reported again. */
  public void forgetPeers() {
    dedup.clear();
  }

  /** Reports a peer, unless it is unusable, unwanted now or was reported within the window. */
  public void peer(InetSocketAddress peer, PeerSource source) {
    if (!wantPeers || closed || !PeerAddresses.usable(peer)) {
      return;
    }
    if (dedup.firstSighting(peer)) {
      post(l -> l.onPeer(peer, source));
    }
  }

  /** Reports a warning of {@code source}. */
  public void warning(String source, String message) {
    LOG.debug("{} {}: {}", infoHash, source, message);
    post(l -> l.onWarning(source, message));
  }

  /** Calls the listener on the event thread; a failing listener is logged. */
  public void post(Consumer<DiscoveryListener> call) {
    if (closed) {
      return;
    }
    try {
      executor.execute(
          () -> {
            if (closed) {
              return;
            }
            try {
              call.accept(listener);
            } catch (RuntimeException e) {
              LOG.warn("a discovery listener of {} failed", infoHash, e);
            }
          });
    } catch (RejectedExecutionException e) {
      // Closed meanwhile, or the application's executor is shutting down: nothing to deliver to.
      LOG.debug("discovery event of {} dropped", infoHash, e);
    }
  }

  /** Delivers nothing more and ends the own event thread. Idempotent. */
  @Override
  public void close() {
    closed = true;
    wantPeers = false;
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }
}
