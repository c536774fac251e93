package org.ilptorrent.webtorrent.webrtc.internal;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.ilptorrent.webtorrent.PeerStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC peer connection with one data channel, set up as simple-peer does for WebTorrent
 * without trickle: the local description is handed out only once ICE gathering completed (or after
 * {@link #GATHER_SECONDS}, with what was gathered), so it carries every candidate.
 *
 * <p>Threads: libwebrtc calls the observer on its own threads; each next signalling step runs on
 * {@code ilp-webrtc-signal}, so no libwebrtc callback ever waits for libwebrtc.
 */
final class RtcPeer implements PeerConnectionObserver {
  private static final Logger LOG = LoggerFactory.getLogger(RtcPeer.class);

  /** As simple-peer's {@code iceCompleteTimeout}. */
  static final long GATHER_SECONDS = 5;

  private final RtcStack stack;
  private final Consumer<PeerStream> connected;
  private final CompletableFuture<String> localDescription = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean handedOver = new AtomicBoolean();
  private RTCPeerConnection pc;
  private volatile DataChannelStream stream;
  private volatile InetSocketAddress remote = Sdp.UNKNOWN;

  /** The largest message the peer takes, once its description came; until then the default. */
  private volatile int maxMessage = Sdp.DEFAULT_MAX_MESSAGE;

  RtcPeer(RtcStack stack, Consumer<PeerStream> connected) {
    this.stack = stack;
    this.connected = connected;
  }

  void open(RTCPeerConnection connection) {
    this.pc = connection;
  }

  /** Creates the data channel and the offer; completes with the offer's SDP. */
  CompletableFuture<String> offer() {
    stack.signal.execute(
        () ->
            step(
                () -> {
                  RTCDataChannelInit init = new RTCDataChannelInit();
                  init.ordered = true;
                  byte[] label = new byte[20];
                  ThreadLocalRandom.current().nextBytes(label);
                  RTCDataChannel dc = pc.createDataChannel(HexFormat.of().formatHex(label), init);
                  stream = new DataChannelStream(this, dc, stack.resumer);
                  pc.createOffer(new RTCOfferOptions(), described());
                }));
    return localDescription;
  }

  /** Takes the remote peer's answer to our offer. */
  void accept(String answerSdp) {
    remoteFrom(answerSdp);
    stack.signal.execute(
        () ->
            step(
                () ->
                    pc.setRemoteDescription(
                        new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp), applied(null))));
  }

  /** Takes a remote offer; completes with our answer's SDP. */
  CompletableFuture<String> answer(String offerSdp) {
    remoteFrom(offerSdp);
    stack.signal.execute(
        () ->
            step(
                () ->
                    pc.setRemoteDescription(
                        new RTCSessionDescription(RTCSdpType.OFFER, offerSdp),
                        applied(() -> pc.createAnswer(new RTCAnswerOptions(), described())))));
    return localDescription;
  }

  private void remoteFrom(String sdp) {
    remote = Sdp.firstCandidate(sdp).orElse(Sdp.UNKNOWN);
    maxMessage = Sdp.maxMessageSize(sdp, DataChannelStream.MAX_MESSAGE);
  }

  int maxMessage() {
    return maxMessage;
  }

  InetSocketAddress remoteAddress() {
    return remote;
  }

  /** Runs a signalling step, failing the peer if libwebrtc throws. */
  private void step(Runnable r) {
    if (closed.get()) {
      localDescription.completeExceptionally(new IllegalStateException("closed"));
      return;
    }
    try {
      r.run();
    } catch (RuntimeException e) {
      fail("signalling failed: " + e.getMessage());
    }
  }

  private CreateSessionDescriptionObserver described() {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription description) {
        stack.signal.execute(
            () -> step(() -> pc.setLocalDescription(description, applied(RtcPeer.this::gathered))));
      }

      @Override
      public void onFailure(String error) {
        fail("creating a session description failed: " + error);
      }
    };
  }

  private SetSessionDescriptionObserver applied(Runnable next) {
    return new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        if (next != null) {
          stack.signal.execute(() -> step(next));
        }
      }

      @Override
      public void onFailure(String error) {
        fail("setting a session description failed: " + error);
      }
    };
  }

  /**
   * After the local description is set: hand it out once gathering completed, or at the timeout.
   */
  private void gathered() {
    if (pc.getIceGatheringState() == RTCIceGatheringState.COMPLETE) {
      completeLocal();
    } else {
      stack.signal.schedule(() -> step(this::completeLocal), GATHER_SECONDS, TimeUnit.SECONDS);
    }
  }

  private void completeLocal() {
    if (localDescription.isDone()) {
      return;
    }
    RTCSessionDescription d = pc.getLocalDescription();
    if (d == null) {
      fail("no local description");
    } else {
      localDescription.complete(d.sdp);
    }
  }

  private void fail(String why) {
    LOG.debug("WebRTC peer failed: {}", why);
    localDescription.completeExceptionally(new IllegalStateException(why));
    close();
  }

  // ---- libwebrtc's observer (its threads) ----

  @Override
  public void onIceCandidate(RTCIceCandidate candidate) {
    // non-trickle: the candidates travel inside the complete local description
  }

  @Override
  public void onIceGatheringChange(RTCIceGatheringState state) {
    if (state == RTCIceGatheringState.COMPLETE) {
      stack.signal.execute(() -> step(this::completeLocal));
    }
  }

  @Override
  public void onDataChannel(RTCDataChannel dc) {
    if (stream == null) {
      stream = new DataChannelStream(this, dc, stack.resumer);
    }
  }

  @Override
  public void onConnectionChange(RTCPeerConnectionState state) {
    if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED) {
      DataChannelStream s = stream;
      if (s != null) {
        s.ended();
      }
      if (!handedOver.get()) {
        close();
      }
    }
  }

  /** The data channel opened: the client gets the stream, once. */
  void opened(DataChannelStream s) {
    if (!closed.get() && handedOver.compareAndSet(false, true)) {
      connected.accept(s);
    }
  }

  boolean isConnected() {
    return handedOver.get();
  }

  /** Closes the data channel and the peer connection (on the signalling thread); idempotent. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    localDescription.completeExceptionally(new IllegalStateException("closed"));
    Runnable release =
        () -> {
          DataChannelStream s = stream;
          if (s != null) {
            s.release();
          }
          if (pc != null) {
            pc.close();
          }
          stack.forget(this);
        };
    try {
      stack.signal.execute(release);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      release.run(); // the stack is closing: release here
    }
  }
}
