package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.ilptorrent.redis.LuaScript;
import org.ilptorrent.redis.RedisLink;
import org.ilptorrent.tracker.AccessKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's payment state in Redis, shared by every tracker instance on it: the registered paid
 * torrents (their .torrent bytes with the SHA-256 of the seeder token), the entitlements (info hash
 * and SHA-256 of the balance id) and the key pair that signs access tickets. Swarms (connected
 * peers) stay in each instance's memory.
 *
 * <p>Keys (after the prefix): {@code torrents}, a hash of info hash hex to {@code <token digest>
 * <base64 torrent>}; {@code entitled}, a set of {@code <info hash hex>/<balance digest>}; {@code
 * ticket-key}, {@code <PKCS #8 hex> <public hex>}; and the channel {@code registered}, on which
 * each new registration's info hash is published.
 */
final class RedisPaidState implements AutoCloseable {
  /** The key prefix. */
  static final String PREFIX = "ilp:tracker:";

  private static final Logger LOG = LoggerFactory.getLogger(RedisPaidState.class);

  private static final LuaScript REGISTER =
      LuaScript.of(
          "register",
          "",
          """
          if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
            redis.call('PUBLISH', ARGV[3], ARGV[1])
            return {'created'}
          end
          return {'exists', redis.call('HGET', KEYS[1], ARGV[1])}
          """);

  private static final LuaScript REGISTRATION =
      LuaScript.of(
          "registration",
          "",
          "local v = redis.call('HGET', KEYS[1], ARGV[1]) if v then return {v} end return {}");

  private static final LuaScript ENTITLED =
      LuaScript.of("entitled", "", "return {tostring(redis.call('SISMEMBER', KEYS[1], ARGV[1]))}");

  private static final LuaScript ENTITLE =
      LuaScript.of("entitle", "", "redis.call('SADD', KEYS[1], ARGV[1]) return {'ok'}");

  private static final LuaScript FIRST_VALUE =
      LuaScript.of(
          "firstValue",
          "",
          "redis.call('SET', KEYS[1], ARGV[1], 'NX') return {redis.call('GET', KEYS[1])}");

  /** A registration as stored. */
  record Stored(byte[] torrentFile, String seederTokenDigest) {
    String encode() {
      return seederTokenDigest + " " + Base64.getEncoder().encodeToString(torrentFile);
    }

    /**
     * @throws IllegalArgumentException when {@code value} is not an encoded registration
     */
    static Stored decode(String value) {
      int space = value.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException("not a stored registration");
      }
      return new Stored(
          Base64.getDecoder().decode(value.substring(space + 1)), value.substring(0, space));
    }
  }

  private final RedisLink redis;

  private RedisPaidState(RedisLink redis) {
    this.redis = redis;
  }

  /** Connects to the Redis at {@code uri}. */
  static RedisPaidState connect(URI uri, Duration timeout) throws IOException {
    return new RedisPaidState(RedisLink.connect(uri, timeout));
  }

  /** Every registration, by info hash hex; a damaged value is left out (and logged). */
  Map<String, Stored> registrations() throws IOException {
    Map<String, Stored> out = new LinkedHashMap<>();
    redis
        .hgetall(PREFIX + "torrents")
        .forEach(
            (hex, value) -> {
              try {
                out.put(hex, Stored.decode(value));
              } catch (IllegalArgumentException e) {
                // One damaged value must not hide every other registration from this instance.
                LOG.warn("ignoring a damaged registration in redis");
              }
            });
    return out;
  }

  /**
   * One registration.
   *
   * @throws IllegalArgumentException when the stored value is damaged
   */
  Optional<Stored> registration(String infoHashHex) throws IOException {
    return redis.hget(PREFIX + "torrents", infoHashHex).map(Stored::decode);
  }

  /**
   * {@link #registration} without blocking: completes on Redis's I/O thread, or fails with an
   * {@link IOException} (Redis unreachable) or an {@link IllegalArgumentException} (a damaged
   * value).
   */
  CompletionStage<Optional<Stored>> registrationAsync(String infoHashHex) {
    return redis
        .runAsync(REGISTRATION, List.of(PREFIX + "torrents"), List.of(infoHashHex))
        .thenApply(
            r -> r.isEmpty() ? Optional.<Stored>empty() : Optional.of(Stored.decode(r.get(0))));
  }

  /** Stores a registration unless there is one: empty when stored, else the one there. */
  Optional<Stored> register(String infoHashHex, Stored registration) throws IOException {
    List<String> r =
        redis.run(
            REGISTER,
            List.of(PREFIX + "torrents"),
            List.of(infoHashHex, registration.encode(), PREFIX + "registered"));
    return r.get(0).equals("created") ? Optional.empty() : Optional.of(Stored.decode(r.get(1)));
  }

  /** Calls {@code listener} with the info hash of each registration made by any instance. */
  void onRegistered(Consumer<String> listener) throws IOException {
    redis.subscribe(PREFIX + "registered", listener);
  }

  /**
   * Whether the entitlement {@code key} ({@code <info hash>/<balance digest>}) is stored, without
   * blocking: completes on Redis's I/O thread, or fails with an {@link IOException}.
   */
  CompletionStage<Boolean> entitledAsync(String key) {
    return redis
        .runAsync(ENTITLED, List.of(PREFIX + "entitled"), List.of(key))
        .thenApply(r -> r.get(0).equals("1"));
  }

  /** Stores an entitlement, without blocking: fails with an {@link IOException}. */
  CompletionStage<Void> entitleAsync(String key) {
    return redis.runAsync(ENTITLE, List.of(PREFIX + "entitled"), List.of(key)).thenApply(r -> null);
  }

  /** The instances' shared ticket key: {@code candidate} unless another instance stored one. */
  KeyPair ticketKey(KeyPair candidate) throws IOException {
    HexFormat hex = HexFormat.of();
    String mine =
        hex.formatHex(AccessKeys.encodePrivate(candidate.getPrivate()))
            + " "
            + AccessKeys.toHex(candidate.getPublic());
    String stored = redis.run(FIRST_VALUE, List.of(PREFIX + "ticket-key"), List.of(mine)).get(0);
    String[] parts = stored.split(" ");
    return AccessKeys.decodePair(hex.parseHex(parts[0]), hex.parseHex(parts[1]));
  }

  @Override
  public void close() {
    redis.close();
  }
}
