package org.ilptorrent.webtorrent;

import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;

/**
 * A connected, ordered, reliable byte stream to one peer of one torrent that is not a TCP socket,
 * such as a WebRTC data channel: what a {@link PeerTransport} hands the client, which then runs the
 * peer wire (handshake, BEP 3/6/10, ut_metadata) over it exactly as over TCP.
 *
 * <p>The client calls {@link #read}, {@link #write} and {@link #close} on its network thread only,
 * never blocking: {@code read} returns 0 when nothing has arrived and -1 once the stream ended;
 * {@code write} takes what it can without blocking (0 when the stream is full) and keeps the bytes
 * it took in order. A stream wakes the client through the {@link #start} callback, from any thread,
 * whenever something arrived, room freed after a write that took less than offered, or the stream
 * ended.
 */
public interface PeerStream extends ByteChannel {
  /**
   * Called once, before any read or write, with what to call when the stream may make progress (any
   * thread, any number of times; calls may be coalesced by the client).
   */
  void start(Runnable wakeup);

  /** Bytes that a {@link #read} would return now without waiting; 0 when none. */
  int available();

  /**
   * The peer's address as best known (for logs, events and bans): for WebRTC the remote ICE
   * candidate's address. Never null.
   */
  InetSocketAddress remoteAddress();
}
