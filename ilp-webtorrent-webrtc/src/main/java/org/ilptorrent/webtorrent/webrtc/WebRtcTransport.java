package org.ilptorrent.webtorrent.webrtc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.webtorrent.PeerStream;
import org.ilptorrent.webtorrent.PeerTransport;
import org.ilptorrent.webtorrent.webrtc.internal.OfferBook;
import org.ilptorrent.webtorrent.webrtc.internal.RtcStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebRTC peers for {@link org.ilptorrent.webtorrent.WebTorrent}, as WebTorrent's browser and node
 * clients make them: on each WebSocket-tracker announce a torrent sends up to 10 offers
 * (non-trickle SDP, every ICE candidate gathered first), answers the offers the tracker forwards,
 * drops offers nobody answered within {@link Builder#offerTimeout 50 s}, and runs the peer wire
 * over one reliable, ordered data channel per peer (messages of at most 16 KiB, sending paused
 * while more than 4 MiB wait in the channel's buffer).
 *
 * <pre>{@code
 * Optional<WebRtcTransport> webrtc = WebRtcTransport.builder().tryStart(); // logs why not
 * WebTorrent.Builder b = WebTorrent.builder().downloadFolder(dir);
 * webrtc.ifPresent(b::transport);
 * try (WebTorrent client = b.start()) { ... }
 * }</pre>
 *
 * <p>Threads: libwebrtc's own (signalling, network, worker), {@code ilp-webrtc-signal} for offers,
 * answers and timeouts, and {@code ilp-webrtc-send} which resumes paused senders. All stop on
 * {@link #close()}, which the client calls.
 */
public final class WebRtcTransport implements PeerTransport {
  private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);

  private final RtcStack stack;
  private final Duration offerTimeout;

  private WebRtcTransport(RtcStack stack, Duration offerTimeout) {
    this.stack = stack;
    this.offerTimeout = offerTimeout;
  }

  /** A builder: no ICE servers (hosts on one network connect without STUN), 50 s offer timeout. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Swarm join(InfoHash infoHash, Consumer<PeerStream> connected) {
    Objects.requireNonNull(infoHash, "infoHash");
    Objects.requireNonNull(connected, "connected");
    return new OfferBook(stack, offerTimeout, connected);
  }

  /** Closes every WebRTC connection and stops the threads; idempotent. */
  @Override
  public void close() {
    stack.close();
  }

  /** Settings of a {@link WebRtcTransport}. */
  public static final class Builder {
    private final List<IceServer> iceServers = new ArrayList<>();
    private Duration offerTimeout = Duration.ofSeconds(50);

    private Builder() {}

    /** Adds a STUN or TURN server; none by default (no public server is ever used unasked). */
    public Builder addIceServer(IceServer server) {
      iceServers.add(Objects.requireNonNull(server, "server"));
      return this;
    }

    /** How long an offer waits for its answer before it is dropped; default 50 s as WebTorrent. */
    public Builder offerTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("offerTimeout must be positive: " + timeout);
      }
      this.offerTimeout = timeout;
      return this;
    }

    /**
     * Loads libwebrtc and starts the transport.
     *
     * @throws WebRtcUnavailableException when the native library is missing for this platform or
     *     fails to load
     */
    public WebRtcTransport start() throws WebRtcUnavailableException {
      return new WebRtcTransport(RtcStack.load(iceServers), offerTimeout);
    }

    /**
     * As {@link #start()}, but a platform without WebRTC gives an empty result and one warning in
     * the log saying why, so an application can carry on over TCP.
     */
    public Optional<WebRtcTransport> tryStart() {
      try {
        return Optional.of(start());
      } catch (WebRtcUnavailableException e) {
        LOG.warn("WebRTC is off, peers over TCP only: {}", e.getMessage());
        return Optional.empty();
      }
    }
  }
}
