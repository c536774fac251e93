package org.ilptorrent.tracker.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.ilptorrent.fixtures.EventRecorder;
import org.ilptorrent.magnet.License;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;
import org.ilptorrent.tracker.client.TrackerListener;

/**
 * Records every event a client reports, with the thread that reported it; tests wait for the ones
 * they expect through {@link EventRecorder}.
 */
public final class RecordingListener extends EventRecorder<Object> implements TrackerListener {
  public record Peer(InetSocketAddress peer, URI tracker) {}

  public record Announced(URI tracker, int complete, int incomplete, Duration interval) {}

  public record Scrape(URI tracker, int complete, int incomplete, int downloaded) {}

  public record PaymentRequired(URI tracker, License license) {}

  public record Warning(URI tracker, String message) {}

  public record Ticket(URI tracker, byte[] ticket, byte[] trackerKey) {}

  public record Error(Throwable error) {}

  @Override
  public void onPeer(InetSocketAddress peer, URI tracker) {
    add(new Peer(peer, tracker));
  }

  @Override
  public void onOffer(ReceivedOffer offer) {
    add(offer);
  }

  @Override
  public void onAnswer(ReceivedAnswer answer) {
    add(answer);
  }

  @Override
  public void onAnnounced(URI tracker, int complete, int incomplete, Duration interval) {
    add(new Announced(tracker, complete, incomplete, interval));
  }

  @Override
  public void onScrape(URI tracker, int complete, int incomplete, int downloaded) {
    add(new Scrape(tracker, complete, incomplete, downloaded));
  }

  @Override
  public void onPaymentRequired(URI tracker, License license) {
    add(new PaymentRequired(tracker, license));
  }

  @Override
  public void onAccessTicket(URI tracker, byte[] ticket, byte[] trackerKey) {
    add(new Ticket(tracker, ticket, trackerKey));
  }

  @Override
  public void onWarning(URI tracker, String message) {
    add(new Warning(tracker, message));
  }

  @Override
  public void onError(Throwable error) {
    add(new Error(error));
  }
}
