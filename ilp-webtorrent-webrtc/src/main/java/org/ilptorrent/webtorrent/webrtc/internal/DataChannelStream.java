package org.ilptorrent.webtorrent.webrtc.internal;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ilptorrent.webtorrent.PeerStream;

/**
 * A data channel as the byte stream the client runs the peer wire over. Sending cuts the stream
 * into messages of at most {@link #MAX_MESSAGE} bytes (less when the peer's description asks for
 * less), each an exact-size direct buffer (webrtc-java sends a buffer's whole capacity, whatever
 * its position and limit), checks that the channel is open before it sends (libwebrtc drops what is
 * sent otherwise, silently), and pauses while more than {@link #HIGH_WATER} bytes are buffered
 * until fewer than {@link #LOW_WATER} are: past about 16 MiB buffered the channel closes and loses
 * data, and a message over 256 KiB closes it too. Received messages are copied out of libwebrtc's
 * buffer and queued for the client's reads.
 *
 * <p>Every message costs a call into libwebrtc that waits for its network thread, the busiest
 * thread of a transfer, so messages are as large as the peer takes (up to 64 KiB: WebTorrent peers
 * read the channel as a byte stream, so message bounds mean nothing to them), and the channel's
 * state is asked once per {@link #write}, a closing seen in between through {@link #onStateChange}.
 *
 * <p>Threads: {@link #read}, {@link #write} and {@link #close} on the client's loop thread; the
 * observer methods on libwebrtc's; {@link #tryResume} on the send resumer's.
 */
final class DataChannelStream implements PeerStream, RTCDataChannelObserver {
  /**
   * The largest message sent: RFC 8841's default limit, which every implementation takes; four
   * blocks of the peer wire. libwebrtc peers would take 256 KiB, but past 64 KiB the messages cost
   * no less per byte.
   */
  static final int MAX_MESSAGE = Sdp.DEFAULT_MAX_MESSAGE;

  static final long HIGH_WATER = 4L * 1024 * 1024;
  static final long LOW_WATER = 1024 * 1024;

  private final RtcPeer peer;
  private final RTCDataChannel channel;
  private final SendResumer resumer;
  private final Queue<ByteBuffer> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean released = new AtomicBoolean();

  /**
   * Every message is a slice of this buffer, sized to the message: send() copies the bytes before
   * it returns, and takes the slice's capacity as the message's length.
   */
  private final ByteBuffer whole = ByteBuffer.allocateDirect(MAX_MESSAGE);

  private volatile Runnable wakeup;
  private volatile boolean ended;
  private volatile boolean closed;
  private volatile boolean paused;

  DataChannelStream(RtcPeer peer, RTCDataChannel channel, SendResumer resumer) {
    this.peer = peer;
    this.channel = channel;
    this.resumer = resumer;
    channel.registerObserver(this);
    if (channel.getState() == RTCDataChannelState.OPEN) {
      peer.opened(this);
    }
  }

  // ---- PeerStream (loop thread) ----

  @Override
  public void start(Runnable wakeup) {
    this.wakeup = wakeup;
    if (!inbox.isEmpty() || ended) {
      wakeup.run();
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    int n = 0;
    while (dst.hasRemaining()) {
      ByteBuffer head = inbox.peek();
      if (head == null) {
        break;
      }
      int take = Math.min(head.remaining(), dst.remaining());
      int limit = head.limit();
      head.limit(head.position() + take);
      dst.put(head);
      head.limit(limit);
      n += take;
      if (!head.hasRemaining()) {
        inbox.poll();
      }
    }
    queued.addAndGet(-n);
    if (n == 0 && ended && inbox.isEmpty()) {
      return -1;
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    int taken = 0;
    // One look at the channel's state and buffer per write, then counting what we add: each look
    // is a call into libwebrtc's network thread. A closing in between comes through onStateChange.
    if (ended || channel.getState() != RTCDataChannelState.OPEN) {
      throw new IOException("data channel closed");
    }
    long buffered = paused ? HIGH_WATER + 1 : channel.getBufferedAmount();
    int most = peer.maxMessage();
    while (src.hasRemaining()) {
      if (ended) {
        if (taken > 0) {
          break; // report what went; the next write fails
        }
        throw new IOException("data channel closed");
      }
      if (buffered > HIGH_WATER) {
        paused = true;
        resumer.pause(this);
        break;
      }
      int n = Math.min(most, src.remaining());
      int limit = src.limit();
      src.limit(src.position() + n);
      whole.clear();
      whole.put(src);
      src.limit(limit);
      try {
        channel.send(new RTCDataChannelBuffer(whole.slice(0, n), true));
      } catch (Exception e) {
        throw new IOException("data channel send failed: " + e.getMessage(), e);
      }
      taken += n;
      buffered += n;
    }
    return taken;
  }

  @Override
  public int available() {
    return queued.get();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return peer.remoteAddress();
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public void close() {
    closed = true;
    peer.close();
  }

  // ---- the send resumer ----

  /** True once the paused sender may go on (and was woken), or the channel ended. */
  boolean tryResume() {
    if (!ended && !released.get() && channel.getBufferedAmount() > LOW_WATER) {
      return false;
    }
    paused = false;
    wake();
    return true;
  }

  // ---- libwebrtc's observer ----

  @Override
  public void onBufferedAmountChange(long previousAmount) {
    // never called by webrtc-java 0.14: see SendResumer
  }

  @Override
  public void onStateChange() {
    RTCDataChannelState state = channel.getState();
    if (state == RTCDataChannelState.OPEN) {
      peer.opened(this);
    } else if (state == RTCDataChannelState.CLOSING || state == RTCDataChannelState.CLOSED) {
      ended();
    }
  }

  @Override
  public void onMessage(RTCDataChannelBuffer buffer) {
    ByteBuffer data = buffer.data;
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data).flip();
    if (copy.hasRemaining()) {
      queued.addAndGet(copy.remaining());
      inbox.add(copy);
      wake();
    }
  }

  /** The channel or its connection went away: reads end once the queue is drained. */
  void ended() {
    ended = true;
    wake();
  }

  private void wake() {
    Runnable w = wakeup;
    if (w != null) {
      w.run();
    }
  }

  /** Stops the observer and closes the channel; signalling thread, once. */
  void release() {
    if (released.compareAndSet(false, true)) {
      ended = true;
      channel.unregisterObserver();
      channel.close();
      wake();
    }
  }
}
