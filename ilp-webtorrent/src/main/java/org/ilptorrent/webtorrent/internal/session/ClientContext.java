package org.ilptorrent.webtorrent.internal.session;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.webtorrent.EncryptionPolicy;

/**
 * What every session of one client shares: identity, threads, limits, and the table that routes
 * incoming handshakes by info hash (loop thread only).
 */
public final class ClientContext {
  final PeerId peerId;
  final EventLoop loop;
  final PieceHasher hasher;
  final Executor events;
  final Clock clock;
  final int maxConnections;
  final int uploadSlots;
  final int banAfterFailedPieces;
  final String threadPrefix;
  final Map<InfoHash, ConnectionOwner> sessions = new HashMap<>();
  volatile InetSocketAddress listenAddress;
  volatile EncryptionPolicy encryption = EncryptionPolicy.PREFER;

  /** Keys and padding of MSE handshakes; loop thread only. */
  final SecureRandom random = new SecureRandom();

  /**
   * Settings from the client's builder; {@code threadPrefix} names the threads sessions start (such
   * as {@code ilp-webtorrent-6881}).
   */
  public ClientContext(
      PeerId peerId,
      EventLoop loop,
      PieceHasher hasher,
      Executor events,
      Clock clock,
      int maxConnections,
      int uploadSlots,
      int banAfterFailedPieces,
      String threadPrefix) {
    this.peerId = Objects.requireNonNull(peerId, "peerId");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxConnections = maxConnections;
    this.uploadSlots = uploadSlots;
    this.banAfterFailedPieces = banAfterFailedPieces;
    this.threadPrefix = Objects.requireNonNull(threadPrefix, "threadPrefix");
  }

  /** Our peer id. */
  public PeerId peerId() {
    return peerId;
  }

  /** Where we listen, once bound. */
  public void listenAddress(InetSocketAddress address) {
    this.listenAddress = address;
  }

  /** How connections made from now on use Message Stream Encryption. */
  public void encryption(EncryptionPolicy policy) {
    this.encryption = Objects.requireNonNull(policy, "policy");
  }

  /** The session for an incoming handshake's info hash, or null; loop thread only. */
  ConnectionOwner route(InfoHash infoHash) {
    return sessions.get(infoHash);
  }

  long now() {
    return clock.millis();
  }
}
