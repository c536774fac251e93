package org.ilptorrent.discovery.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.ilptorrent.discovery.PeerSource;
import org.ilptorrent.magnet.License;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.TrackerListener;

/** A tracker client's events, turned into its discovery's. */
public final class TrackerEvents implements TrackerListener {
  private final DiscoveryEvents events;
  private final List<URI> trackers;

  public TrackerEvents(DiscoveryEvents events, List<URI> trackers) {
    this.events = events;
    this.trackers = List.copyOf(trackers);
  }

  @Override
  public void onPeer(InetSocketAddress peer, URI tracker) {
    events.peer(peer, PeerSource.TRACKER);
  }

  @Override
  public void onOffer(ReceivedOffer offer) {
    events.post(l -> l.onOffer(offer));
  }

  @Override
  public void onAnswer(ReceivedAnswer answer) {
    events.post(l -> l.onAnswer(answer));
  }

  @Override
  public void onAnnounced(URI tracker, int complete, int incomplete, Duration interval) {
    events.post(l -> l.onAnnounced(tracker, complete, incomplete));
  }

  @Override
  public void onPaymentRequired(URI tracker, License license) {
    events.post(l -> l.onPaymentRequired(tracker, license));
  }

  @Override
  public void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {
    events.post(l -> l.onAccessTicket(tracker, ticket, trackerKey));
  }

  @Override
  public void onWarning(URI tracker, String message) {
    events.warning(tracker.toString(), message);
  }

  @Override
  public void onError(Throwable error) {
    // The shared pool was closed under the client: trackers are gone, other sources carry on.
    for (URI tracker : trackers) {
      events.warning(tracker.toString(), "no longer announced to: " + error.getMessage());
    }
  }
}
