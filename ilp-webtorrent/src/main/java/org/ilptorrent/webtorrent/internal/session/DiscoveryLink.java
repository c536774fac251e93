package org.ilptorrent.webtorrent.internal.session;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PublicKey;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.ilptorrent.discovery.Discovery;
import org.ilptorrent.discovery.DiscoveryListener;
import org.ilptorrent.discovery.PeerSource;
import org.ilptorrent.magnet.License;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.webtorrent.Progress;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.TorrentListener;

/**
 * Connects one torrent to its {@link Discovery}: peers found by trackers, LSD or the magnet are
 * dialled, transfer counts go to the trackers as pieces verify, {@code completed} is announced when
 * the download is done, and {@code stopped} when the torrent is removed.
 */
public final class DiscoveryLink implements AutoCloseable {
  private final Discovery discovery;

  private DiscoveryLink(Discovery discovery) {
    this.discovery = discovery;
  }

  /** What a paid download wants to hear from the trackers. */
  public interface Payments {
    /** A tracker asks for payment of {@code license}. */
    void onPaymentRequired(URI tracker, License license);

    /** A tracker accepted an announce. */
    void onAnnounced(URI tracker);

    /**
     * A tracker that admitted our leecher key issued an access ticket (125 bytes, unchecked) signed
     * by {@code trackerKey} (raw 32 bytes); called before {@link #onAnnounced} for that answer.
     */
    default void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {}
  }

  /**
   * Starts discovery for {@code torrent}; {@code warn} reports its warnings as the torrent's.
   *
   * @param sources the discovery settings of this torrent (info hash, trackers, peers, privacy)
   */
  public static DiscoveryLink start(
      Discovery.Builder sources, Torrent torrent, Consumer<String> warn) {
    return start(sources, torrent, warn, null);
  }

  /**
   * Starts discovery for {@code torrent}; {@code payments} (null for a torrent that never pays,
   * such as a seed) hears payment requests and accepted announces.
   */
  public static DiscoveryLink start(
      Discovery.Builder sources, Torrent torrent, Consumer<String> warn, Payments payments) {
    return start(sources, torrent, warn, payments, answer -> {});
  }

  /**
   * As {@link #start(Discovery.Builder, Torrent, Consumer, Payments)}; {@code answers} hears the
   * answers WebSocket trackers route to this torrent's offers.
   */
  public static DiscoveryLink start(
      Discovery.Builder sources,
      Torrent torrent,
      Consumer<String> warn,
      Payments payments,
      Consumer<ReceivedAnswer> answers) {
    Discovery discovery =
        sources
            .listener(
                new DiscoveryListener() {
                  @Override
                  public void onPeer(InetSocketAddress peer, PeerSource source) {
                    torrent.addPeer(peer);
                  }

                  @Override
                  public void onAnswer(ReceivedAnswer answer) {
                    answers.accept(answer);
                  }

                  @Override
                  public void onPaymentRequired(URI tracker, License license) {
                    if (payments == null) {
                      warn.accept(tracker + ": payment required (" + license.price() + ")");
                    } else {
                      payments.onPaymentRequired(tracker, license);
                    }
                  }

                  @Override
                  public void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {
                    if (payments != null) {
                      payments.onAccessTicket(tracker, ticket, trackerKey);
                    }
                  }

                  @Override
                  public void onAnnounced(URI tracker, int complete, int incomplete) {
                    if (payments != null) {
                      payments.onAnnounced(tracker);
                    }
                  }

                  @Override
                  public void onWarning(String source, String message) {
                    warn.accept(source + ": " + message);
                  }
                })
            .build();
    DiscoveryLink link = new DiscoveryLink(discovery);
    torrent.addListener(
        new TorrentListener() {
          @Override
          public void onPieceVerified(int piece) {
            Progress p = torrent.progress();
            discovery.setStats(
                p.uploaded(), p.downloaded(), Math.max(0, p.length() - p.verifiedBytes()));
          }

          @Override
          public void onDone() {
            Progress p = torrent.progress();
            if (p.downloaded() > 0) {
              discovery.setStats(p.uploaded(), p.downloaded(), 0);
              discovery.complete();
            } else {
              // Data that was complete when added (a seed): a seeder from now on, not a download
              // that completed, so no completed event.
              discovery.update(p.uploaded(), 0, 0);
            }
          }
        });
    discovery.start();
    return link;
  }

  /**
   * Gives the trackers a paid balance id and the leecher key access tickets should bind (null:
   * none), and announces with them now.
   */
  public void announceWith(String balanceId, PublicKey leecherKey) {
    try {
      discovery.setLeecherKey(leecherKey);
      discovery.setBalanceId(balanceId);
    } catch (IllegalStateException e) {
      // closed meanwhile: the torrent was removed
    }
  }

  /** Announces {@code stopped} (waiting at most two seconds for the trackers), then releases. */
  @Override
  public void close() {
    try {
      discovery.stop().get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // A tracker that does not answer stopped forgets the peer at its interval anyway.
    } finally {
      discovery.close();
    }
  }
}
