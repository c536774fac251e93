package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.TorrentInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one tracker instance learns the paid torrents registered through the others on its Redis:
 * each new registration's info hash is published and learned at once (pub/sub), every registration
 * is read again every {@link #RESYNC_PERIOD} (what an outage or a lost message missed), and an
 * announce that carries paid-flow credentials for an info hash not learned yet has that one
 * registration looked up before it is let in ({@link #lookUp}).
 *
 * <p>The first two leave a window (a message in flight, a partition, a subscription down) in which
 * an instance would take a paid torrent for a free one. The third closes it where it matters: a
 * seeder token is only ever given out after its registration is in Redis, so the publisher's seeder
 * can never enter a swarm this instance treats as free, and unpaid peers never meet it.
 */
final class SharedRegistrations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedRegistrations.class);

  /** How often every registration is read again. */
  static final Duration RESYNC_PERIOD = Duration.ofSeconds(5);

  /** Takes a registration read from Redis in. */
  interface Learner {
    /**
     * Adds {@code registered} (from .torrent bytes of {@code torrentBytes}) unless the info hash is
     * known, and returns the registration in force.
     */
    PaidSwarms.Registered learn(
        String infoHashHex, PaidSwarms.Registered registered, int torrentBytes);
  }

  private final RedisPaidState shared;
  private final Learner learner;
  private final Map<String, CompletableFuture<Optional<PaidSwarms.Registered>>> lookups =
      new ConcurrentHashMap<>();
  private final ScheduledExecutorService worker;

  /**
   * Subscribes to new registrations, learns every registration stored now and resyncs from then on.
   *
   * @throws IOException when Redis cannot be reached
   */
  SharedRegistrations(RedisPaidState shared, Learner learner) throws IOException {
    this.shared = shared;
    this.learner = learner;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ilp-tracker-redis-resync");
              t.setDaemon(true);
              return t;
            });
    try {
      // Off Redis's I/O thread: reading the registration there would wait on that very thread.
      shared.onRegistered(hex -> worker.execute(() -> learnPublished(hex)));
      resynchronise();
    } catch (IOException | RuntimeException e) {
      worker.shutdownNow();
      throw e;
    }
    worker.scheduleWithFixedDelay(
        this::resynchroniseQuietly,
        RESYNC_PERIOD.toMillis(),
        RESYNC_PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * The registration of {@code infoHashHex} as Redis has it now, learned (so the swarm is gated
   * from now on) before the future completes; empty when the torrent is not registered. Fails with
   * an {@link IOException} when Redis cannot be reached or holds a damaged registration for it,
   * which an announce must take as "cannot decide", never as free. Concurrent look-ups of one info
   * hash share one read. Never blocks; completes off Redis's I/O thread.
   */
  CompletableFuture<Optional<PaidSwarms.Registered>> lookUp(String infoHashHex) {
    CompletableFuture<Optional<PaidSwarms.Registered>> running = lookups.get(infoHashHex);
    if (running != null) {
      return running;
    }
    CompletableFuture<Optional<PaidSwarms.Registered>> mine = new CompletableFuture<>();
    running = lookups.putIfAbsent(infoHashHex, mine);
    if (running != null) {
      return running;
    }
    shared
        .registrationAsync(infoHashHex)
        .whenCompleteAsync(
            (stored, error) -> {
              try {
                if (error != null) {
                  throw error instanceof CompletionException c && c.getCause() != null
                      ? c.getCause()
                      : error;
                }
                mine.complete(stored.map(s -> adopt(infoHashHex, s)));
              } catch (IllegalArgumentException e) {
                LOG.warn("a damaged registration in redis: refusing its announces");
                mine.completeExceptionally(new IOException("damaged registration", e));
              } catch (Throwable e) {
                LOG.debug("cannot look a registration up in redis: {}", e.toString());
                mine.completeExceptionally(
                    e instanceof IOException ? e : new IOException("redis look-up failed", e));
              } finally {
                lookups.remove(infoHashHex, mine);
              }
            });
    return mine;
  }

  /**
   * Takes a stored registration in.
   *
   * @throws IllegalArgumentException when it is damaged
   */
  private PaidSwarms.Registered adopt(String infoHashHex, RedisPaidState.Stored stored) {
    TorrentInfo t = TorrentInfo.parse(stored.torrentFile());
    Optional<License> license = t.license();
    if (license.isEmpty() || !t.infoHash().toHex().equals(infoHashHex)) {
      throw new IllegalArgumentException("a registration without licence or of another hash");
    }
    return learner.learn(
        infoHashHex,
        new PaidSwarms.Registered(license.get(), stored.seederTokenDigest()),
        stored.torrentFile().length);
  }

  private void learnPublished(String infoHashHex) {
    try {
      shared.registration(infoHashHex).ifPresent(s -> adoptQuietly(infoHashHex, s));
    } catch (IOException e) {
      LOG.debug("cannot read a registration from redis (the next resync will): {}", e.toString());
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring a damaged registration in redis");
    }
  }

  private void adoptQuietly(String infoHashHex, RedisPaidState.Stored stored) {
    try {
      adopt(infoHashHex, stored);
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring a damaged registration in redis: {}", e.getMessage());
    }
  }

  private void resynchronise() throws IOException {
    shared.registrations().forEach(this::adoptQuietly);
  }

  private void resynchroniseQuietly() {
    try {
      resynchronise();
    } catch (IOException | RuntimeException e) {
      LOG.debug("registration resync with redis failed: {}", e.toString());
    }
  }

  /** Stops resyncing; the subscription closes with the Redis link. */
  @Override
  public void close() {
    worker.shutdownNow();
  }
}
