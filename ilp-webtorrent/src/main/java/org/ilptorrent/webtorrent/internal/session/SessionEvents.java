package org.ilptorrent.webtorrent.internal.session;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.TorrentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A torrent's listeners and its done future, both served on the client's event thread so that a
 * slow listener or a dependent stage never runs on the network thread. The stages' event sink: any
 * thread may emit; listeners are called on the event thread only.
 */
final class SessionEvents {
  private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);

  private static final Logger SESSION_LOG = LoggerFactory.getLogger(TorrentSession.class);

  private final String torrent;
  private final Executor executor;
  private final List<TorrentListener> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final CompletableFuture<TorrentInfo> metadata = new CompletableFuture<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  /** Events of the torrent {@code torrent} (its info hash in hex, for the log). */
  SessionEvents(String torrent, Executor executor) {
    this.torrent = torrent;
    this.executor = executor;
  }

  /** A non-fatal problem of the torrent: logged, and told to listeners as {@code onWarning}. */
  void warn(String message) {
    SESSION_LOG.debug("{}: {}", torrent, message);
    emit(l -> l.onWarning(message));
  }

  void add(TorrentListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  CompletableFuture<Void> done() {
    return done;
  }

  CompletableFuture<TorrentInfo> metadataFuture() {
    return metadata;
  }

  CompletableFuture<Void> readyFuture() {
    return ready;
  }

  /** The metadata is known: listeners hear it, then the metadata future completes. */
  void metadata(TorrentInfo t) {
    emit(l -> l.onMetadata(t));
    onEventThread(() -> metadata.complete(t));
  }

  /** Storage is open and checked: listeners hear it, then the ready future completes. */
  void ready() {
    emit(TorrentListener::onReady);
    onEventThread(() -> ready.complete(null));
  }

  /** Calls {@code event} on every listener, in order, on the event thread. */
  void emit(Consumer<TorrentListener> event) {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      executor.execute(
          () -> {
            for (TorrentListener l : listeners) {
              try {
                event.accept(l);
              } catch (RuntimeException e) {
                LOG.warn("a torrent listener threw", e);
              }
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the client is closing: a late warning from discovery has nobody left to hear it
      LOG.debug("torrent event dropped after close");
    }
  }

  void complete() {
    onEventThread(() -> done.complete(null));
  }

  /** Fails every future not yet complete. */
  void fail(Throwable cause) {
    onEventThread(
        () -> {
          metadata.completeExceptionally(cause);
          ready.completeExceptionally(cause);
          done.completeExceptionally(cause);
        });
  }

  private void onEventThread(Runnable task) {
    try {
      executor.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("torrent event dropped after close");
    }
  }
}
