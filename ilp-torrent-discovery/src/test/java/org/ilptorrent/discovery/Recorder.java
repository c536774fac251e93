package org.ilptorrent.discovery;

import java.net.InetSocketAddress;
import java.net.URI;
import org.ilptorrent.fixtures.EventRecorder;
import org.ilptorrent.magnet.License;
import org.ilptorrent.tracker.client.ReceivedAnswer;
import org.ilptorrent.tracker.client.ReceivedOffer;

/**
 * Records what a discovery reports, with the thread that reported it; tests wait (boundedly) for
 * what they expect through {@link EventRecorder}.
 */
class Recorder extends EventRecorder<Object> implements DiscoveryListener {
  record Peer(InetSocketAddress peer, PeerSource source) {}

  record Announced(URI tracker, int complete, int incomplete) {}

  record PaymentRequired(URI tracker, License license) {}

  record Warning(String source, String message) {}

  Peer awaitPeer(InetSocketAddress address) {
    return awaitMatch(Peer.class, p -> p.peer().equals(address));
  }

  @Override
  public void onPeer(InetSocketAddress peer, PeerSource source) {
    add(new Peer(peer, source));
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
  public void onAnnounced(URI tracker, int complete, int incomplete) {
    add(new Announced(tracker, complete, incomplete));
  }

  @Override
  public void onPaymentRequired(URI tracker, License license) {
    add(new PaymentRequired(tracker, license));
  }

  @Override
  public void onWarning(String source, String message) {
    add(new Warning(source, message));
  }
}
