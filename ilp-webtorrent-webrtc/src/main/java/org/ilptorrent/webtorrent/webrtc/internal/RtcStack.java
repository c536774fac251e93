package org.ilptorrent.webtorrent.webrtc.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ilptorrent.webtorrent.PeerStream;
import org.ilptorrent.webtorrent.webrtc.IceServer;
import org.ilptorrent.webtorrent.webrtc.WebRtcUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that loads libwebrtc: a peer connection factory with a headless audio module (the
 * default module aborts the JVM where no sound device exists), the ICE configuration, the
 * signalling thread and the send resumer that every peer of one transport shares.
 */
public final class RtcStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RtcStack.class);

  private final PeerConnectionFactory factory;
  private final List<IceServer> iceServers;
  private final Set<RtcPeer> peers = ConcurrentHashMap.newKeySet();
  final ScheduledExecutorService signal;
  final SendResumer resumer;
  private volatile boolean closed;

  private RtcStack(PeerConnectionFactory factory, List<IceServer> iceServers) {
    this.factory = factory;
    this.iceServers = List.copyOf(iceServers);
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "ilp-webrtc-signal");
              t.setDaemon(true);
              return t;
            });
    // offer and connect deadlines are moot once closed: every peer is closed by then
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    this.signal = executor;
    this.resumer = new SendResumer("ilp-webrtc-send");
  }

  /**
   * Loads the native library and makes the factory.
   *
   * @throws WebRtcUnavailableException when the library is missing for this platform or fails to
   *     load
   */
  public static RtcStack load(List<IceServer> iceServers) throws WebRtcUnavailableException {
    PeerConnectionFactory factory;
    try {
      // PeerConnectionFactory's class initialiser loads libwebrtc-java from the native jar.
      Class.forName(PeerConnectionFactory.class.getName(), true, RtcStack.class.getClassLoader());
      factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
    } catch (LinkageError | ClassNotFoundException | RuntimeException e) {
      throw new WebRtcUnavailableException(
          "webrtc-java's native library does not load on "
              + System.getProperty("os.name")
              + " "
              + System.getProperty("os.arch")
              + " ("
              + rootMessage(e)
              + ")",
          e);
    }
    return new RtcStack(factory, iceServers);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** A new peer connection; null once the stack is closed. */
  RtcPeer newPeer(Consumer<PeerStream> connected) {
    if (closed) {
      return null;
    }
    RTCConfiguration config = new RTCConfiguration();
    List<RTCIceServer> servers = new ArrayList<>();
    for (IceServer s : iceServers) {
      RTCIceServer r = new RTCIceServer();
      r.urls = s.urls();
      r.username = s.username();
      r.password = s.credential();
      servers.add(r);
    }
    config.iceServers = servers;
    RtcPeer peer = new RtcPeer(this, connected);
    peer.open(factory.createPeerConnection(config, peer));
    peers.add(peer);
    return peer;
  }

  void forget(RtcPeer peer) {
    peers.remove(peer);
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes every peer connection, then the factory and the threads; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (RtcPeer p : List.copyOf(peers)) {
      p.close();
    }
    signal.shutdown();
    try {
      if (!signal.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.debug("WebRTC peers still closing after 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    resumer.close();
    factory.dispose();
  }
}
