package org.ilptorrent.verifier.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ilptorrent.redis.BatchedScript;
import org.ilptorrent.redis.LuaScript;
import org.ilptorrent.redis.RedisLink;
import org.ilptorrent.redis.RedisUnavailableException;
import org.ilptorrent.verifier.BalanceLimitException;
import org.ilptorrent.verifier.IdempotencyKeyReusedException;
import org.ilptorrent.verifier.InsufficientBalanceException;
import org.ilptorrent.verifier.InvalidReceiptException;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.UnknownBalanceException;
import org.ilptorrent.verifier.server.internal.Balances;
import org.ilptorrent.verifier.server.internal.RedisScripts;
import org.ilptorrent.verifier.server.internal.VerifierState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VerifierStore} in Redis, so that several verifier instances (with the same receipt seed)
 * behind one name behave as one verifier: every check-and-update is one Lua script, atomic in
 * Redis, so a receipt credited through two instances credits once and concurrent spends through any
 * instances never overdraw.
 *
 * <p>Credits and spends that arrive while one Redis call is in flight go together in the next call
 * (at most {@value #MAX_BATCH}), applied one after the other in one script with the same checks
 * each would get alone; a lone one is sent at once. When Redis is unreachable every operation of
 * the call fails and none of them was applied.
 *
 * <p>Durability is Redis's: run it with {@code appendonly yes} and {@code appendfsync always} for
 * the promise the journal store makes (an acknowledged change survives a crash); with {@code
 * everysec} up to a second of acknowledged changes can be lost. The store warns at start when Redis
 * says its append-only file is off.
 *
 * <p>While Redis is unreachable every method throws {@link StoreUnavailableException} (the server
 * answers 503 {@code store unavailable}) and the connection comes back by itself. Balance ids and
 * idempotency keys never reach Redis: keys carry HMAC-SHA-256 digests of them under a random key
 * that the first instance stores in Redis. A Redis Cluster is not supported (one script touches a
 * nonce and a balance); use one primary, with replicas if wanted.
 */
public final class RedisVerifierStore implements VerifierStore, NonBlockingStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisVerifierStore.class);

  /** The key prefix unless another is given. */
  public static final String DEFAULT_PREFIX = "ilp:verifier:";

  /** How long a Redis command may take unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** Nonce keys outlive their expiry by this much, so the clock that decides is the verifier's. */
  private static final long NONCE_KEY_MARGIN_MILLIS = 60_000;

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /**
   * The most credits and spends in one Redis call: about 0.3 ms of Redis's time, during which it
   * serves no other client.
   */
  static final int MAX_BATCH = 64;

  private final RedisLink redis;
  private final BatchedScript batch;
  private final String prefix;
  private final Clock clock;
  private final ThreadLocal<Mac> mac;

  private RedisVerifierStore(RedisLink redis, String prefix, Clock clock, byte[] digestKey) {
    this.redis = redis;
    this.batch = new BatchedScript(redis, RedisScripts.BATCH, 2, MAX_BATCH);
    this.prefix = prefix;
    this.clock = clock;
    SecretKeySpec key = new SecretKeySpec(digestKey, "HmacSHA256");
    this.mac =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
              }
            });
  }

  /**
   * Connects to the Redis at {@code uri} ({@code redis://HOST:PORT[/DB]}, {@code rediss://} for
   * TLS, password as {@code redis://:PASSWORD@HOST}) with the default prefix and timeout.
   *
   * @throws IllegalArgumentException when {@code uri} is not a Redis URI
   * @throws StoreUnavailableException when Redis cannot be reached
   */
  public static RedisVerifierStore connect(URI uri) throws IOException {
    return connect(uri, DEFAULT_PREFIX, DEFAULT_TIMEOUT, Clock.systemUTC());
  }

  /**
   * Connects with a key prefix (several verifiers with different state can share one Redis
   * database), a command timeout and the clock that decides nonce expiry.
   */
  public static RedisVerifierStore connect(URI uri, String keyPrefix, Duration timeout, Clock clock)
      throws IOException {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(clock, "clock");
    RedisLink redis;
    try {
      redis = RedisLink.connect(uri, timeout);
    } catch (RedisUnavailableException e) {
      throw new StoreUnavailableException(e.getMessage(), e);
    }
    try {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      List<String> key =
          run(
              redis,
              RedisScripts.DIGEST_KEY,
              List.of(keyPrefix + "key"),
              B64.encodeToString(fresh));
      warnWithoutAppendOnlyFile(redis);
      return new RedisVerifierStore(
          redis, keyPrefix, clock, Base64.getUrlDecoder().decode(key.get(1)));
    } catch (IOException | RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  private static void warnWithoutAppendOnlyFile(RedisLink redis) {
    Optional<String> aof = redis.config("appendonly");
    Optional<String> fsync = redis.config("appendfsync");
    if (aof.isPresent() && !aof.get().equals("yes")) {
      LOG.warn(
          "redis at {} has appendonly {}: acknowledged credits and spends are lost if it stops;"
              + " set appendonly yes and appendfsync always",
          redis.where(),
          aof.get());
    } else if (fsync.isPresent() && !fsync.get().equals("always")) {
      LOG.warn(
          "redis at {} has appendfsync {}: a crash can lose up to a second of acknowledged"
              + " credits and spends; appendfsync always keeps them",
          redis.where(),
          fsync.get());
    }
  }

  @Override
  public void addNonce(byte[] nonce, String pointerHash, Instant expiresAt) throws IOException {
    Objects.requireNonNull(pointerHash, "pointerHash");
    long lifetime =
        Math.max(1, expiresAt.toEpochMilli() - clock.millis()) + NONCE_KEY_MARGIN_MILLIS;
    run(
        RedisScripts.ADD_NONCE,
        List.of(nonceKey(nonce)),
        pointerHash,
        Long.toString(expiresAt.toEpochMilli()),
        Long.toString(lifetime));
  }

  @Override
  public long creditReceipt(String balanceId, Receipt receipt, Instant now) throws IOException {
    return StateVerifierStore.await(creditLater(balanceId, receipt, now));
  }

  @Override
  public long spend(
      String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now)
      throws IOException {
    return StateVerifierStore.await(
        spendLater(balanceId, pointerHash, amount, idempotencyKey, now));
  }

  @Override
  public Balances balances() {
    return new Balances() {
      @Override
      public CompletionStage<Long> credit(String balanceId, Receipt receipt, Instant now) {
        return creditLater(balanceId, receipt, now);
      }

      @Override
      public CompletionStage<Long> spend(
          String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now) {
        return spendLater(balanceId, pointerHash, amount, idempotencyKey, now);
      }
    };
  }

  private CompletableFuture<Long> creditLater(String balanceId, Receipt receipt, Instant now) {
    VerifierState.checkBalanceId(balanceId);
    return runLater(
            List.of(nonceKey(receipt.nonce()), balanceKey(balanceId)),
            "c",
            Long.toString(now.toEpochMilli()),
            Integer.toString(receipt.streamId()),
            Long.toUnsignedString(receipt.totalReceivedBits()))
        .thenApply(
            r ->
                switch (r.get(0)) {
                  case "ok" -> Long.parseLong(r.get(1));
                  case "expired" ->
                      throw new InvalidReceiptException(InvalidReceiptException.EXPIRED);
                  case "total" ->
                      throw new BalanceLimitException(
                          "receipt amount exceeds max 64 bit signed integer");
                  case "limit" ->
                      throw new BalanceLimitException(
                          "balance cannot exceed max 64 bit signed integer");
                  default -> throw unexpected(RedisScripts.BATCH, r);
                });
  }

  private CompletableFuture<Long> spendLater(
      String balanceId, String pointerHash, long amount, String idempotencyKey, Instant now) {
    VerifierState.checkBalanceId(balanceId);
    if (amount < 0) {
      throw new BalanceLimitException("spend amount must not be negative");
    }
    String idempotencyRecord =
        idempotencyKey == null
            ? prefix + "i:-"
            : prefix
                + "i:"
                + digest(
                    "idempotency\0"
                        + balanceId
                        + "\0"
                        + VerifierState.checkIdempotencyKey(idempotencyKey));
    return runLater(
            List.of(balanceKey(balanceId), idempotencyRecord),
            "s",
            pointerHash == null ? "*" : pointerHash,
            Long.toString(amount),
            Long.toString(VerifierState.IDEMPOTENCY_RETENTION.toMillis()),
            idempotencyKey == null ? "0" : "1")
        .thenApply(
            r ->
                switch (r.get(0)) {
                  case "ok" -> Long.parseLong(r.get(1));
                  case "unknown" -> throw new UnknownBalanceException();
                  case "insufficient" -> throw new InsufficientBalanceException();
                  case "reused" -> throw new IdempotencyKeyReusedException();
                  default -> throw unexpected(RedisScripts.BATCH, r);
                });
  }

  /**
   * One credit or spend of {@link RedisScripts#BATCH}, sent with those queued beside it, without
   * blocking; an unreachable Redis fails the stage as unavailable.
   */
  private CompletableFuture<List<String>> runLater(List<String> keys, String... args) {
    CompletableFuture<List<String>> out = new CompletableFuture<>();
    batch
        .submit(keys, List.of(args))
        .whenComplete(
            (reply, error) -> {
              if (error == null) {
                out.complete(reply);
              } else {
                out.completeExceptionally(error instanceof IOException io ? translate(io) : error);
              }
            });
    return out;
  }

  @Override
  public boolean addPointer(String hash, String pointer, String managementTokenDigest)
      throws IOException {
    List<String> r =
        run(
            RedisScripts.ADD_POINTER,
            List.of(prefix + "p:" + hash, prefix + "pointers"),
            hash,
            pointer,
            managementTokenDigest == null ? "" : managementTokenDigest);
    return r.get(0).equals("ok");
  }

  @Override
  public Optional<String> pointer(String hash) {
    return read(prefix + "p:" + hash, "p");
  }

  @Override
  public Optional<String> managementTokenDigest(String hash) {
    return read(prefix + "p:" + hash, "t");
  }

  @Override
  public int pointerCount() {
    try {
      return Math.toIntExact(redis.scard(prefix + "pointers"));
    } catch (IOException e) {
      throw new UncheckedIOException(translate(e));
    }
  }

  @Override
  public boolean removePointer(String hash) throws IOException {
    List<String> r =
        run(RedisScripts.REMOVE_POINTER, List.of(prefix + "p:" + hash, prefix + "pointers"), hash);
    return r.get(0).equals("ok");
  }

  /** Closes the connection to Redis (the state stays there). */
  @Override
  public void close() {
    redis.close();
  }

  private Optional<String> read(String key, String field) {
    try {
      return redis.hget(key, field);
    } catch (IOException e) {
      throw new UncheckedIOException(translate(e));
    }
  }

  private List<String> run(LuaScript script, List<String> keys, String... args) throws IOException {
    return run(redis, script, keys, args);
  }

  private static List<String> run(
      RedisLink redis, LuaScript script, List<String> keys, String... args) throws IOException {
    try {
      return redis.run(script, keys, List.of(args));
    } catch (IOException e) {
      throw translate(e);
    }
  }

  private static IOException translate(IOException e) {
    return e instanceof RedisUnavailableException
        ? new StoreUnavailableException(e.getMessage(), e)
        : e;
  }

  private static IllegalStateException unexpected(LuaScript script, List<String> reply) {
    return new IllegalStateException(
        "unexpected answer from script " + script.name() + ": " + reply);
  }

  private String nonceKey(byte[] nonce) {
    return prefix + "n:" + B64.encodeToString(nonce);
  }

  private String balanceKey(String balanceId) {
    return prefix + "b:" + digest("balance\0" + balanceId);
  }

  private String digest(String text) {
    return B64.encodeToString(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
