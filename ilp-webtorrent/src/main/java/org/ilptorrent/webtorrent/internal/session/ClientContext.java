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

  /** Client-wide limit on block requests (download); {@link TokenBucket#UNLIMITED} by default. */
  final TokenBucket download;

  /** Client-wide limit on blocks served (upload); {@link TokenBucket#UNLIMITED} by default. */
  final TokenBucket upload;

  private volatile long downloadLimit = TokenBucket.UNLIMITED;
  private volatile long uploadLimit = TokenBucket.UNLIMITED;

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
    this.download = new TokenBucket(loop::schedule, System::nanoTime);
    this.upload = new TokenBucket(loop::schedule, System::nanoTime);
  }

  /**
   * Sets the client-wide download limit in bytes per second ({@code -1} unlimited, 0 stops
   * downloads); applied on the loop thread, at once for transfers in progress. Any thread.
   */
  public void downloadLimit(long bytesPerSecond) {
    checkRate(bytesPerSecond);
    downloadLimit = bytesPerSecond;
    loop.execute(() -> download.setRate(bytesPerSecond));
  }

  /** Sets the client-wide upload limit, like {@link #downloadLimit(long)}. Any thread. */
  public void uploadLimit(long bytesPerSecond) {
    checkRate(bytesPerSecond);
    uploadLimit = bytesPerSecond;
    loop.execute(() -> upload.setRate(bytesPerSecond));
  }

  /** The download limit as last set; any thread. */
  public long downloadLimit() {
    return downloadLimit;
  }

  /** The upload limit as last set; any thread. */
  public long uploadLimit() {
    return uploadLimit;
  }

  private static void checkRate(long bytesPerSecond) {
    if (bytesPerSecond < TokenBucket.UNLIMITED) {
      throw new IllegalArgumentException(
          "a rate limit is -1 (unlimited) or bytes per second: " + bytesPerSecond);
    }
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
