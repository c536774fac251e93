package org.ilptorrent.webtorrent.internal.session;

import java.io.IOException;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;

/**
 * The torrent a {@link PeerConnection} belongs to, as the connection sees it: what it tells the
 * torrent, and the little it asks of it. Called on the loop thread only.
 */
interface ConnectionOwner {
  InfoHash infoHash();

  /** The decoder limits for a connection whose handshake just arrived. */
  WireLimits wireLimits();

  /** An incoming connection asks to join; false refuses it. */
  boolean acceptIncoming(PeerConnection c);

  /** The peer's handshake arrived. */
  void onHandshake(PeerConnection c) throws PeerProtocolException;

  void onMessage(PeerConnection c, PeerMessage m) throws IOException;

  /** The connection closed (once). */
  void onClosed(PeerConnection c, String reason);

  /** Serves the peer's queued requests while its send buffer has room. */
  void pump(PeerConnection c) throws IOException;

  /** A served block of {@code bytes} went into the send buffer. */
  void onUploaded(int bytes);
}
