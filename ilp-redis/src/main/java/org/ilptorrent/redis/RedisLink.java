package org.ilptorrent.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to one Redis server, shared by every thread of a server process: Redis answers a
 * connection's commands in order, so concurrent callers are pipelined on it rather than pooled.
 *
 * <p>While Redis is unreachable every call fails at once with {@link RedisUnavailableException}
 * (commands are not queued), and the connection reconnects by itself in the background (at least
 * once a second); a call that gets no answer within the timeout fails the same way. Thread-safe.
 */
public final class RedisLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  /** Error replies that mean "not now" rather than "wrong": loading, read-only replica, ... */
  private static final List<String> UNAVAILABLE_REPLIES =
      List.of("LOADING", "MISCONF", "READONLY", "MASTERDOWN", "BUSY", "NOREPLICAS", "TRYAGAIN");

  /** The longest wait between two reconnection attempts. */
  static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;
  private final String where;
  private final List<StatefulRedisPubSubConnection<String, String>> subscriptions =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private RedisLink(
      ClientResources resources,
      RedisClient client,
      StatefulRedisConnection<String, String> connection,
      String where) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.commands = connection.sync();
    this.where = where;
  }

  /**
   * Connects to {@code uri}: {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://}
   * for TLS.
   *
   * @param timeout how long a command (and the first connection) may take
   * @throws IllegalArgumentException when the URI is not a Redis URI
   * @throws RedisUnavailableException when Redis cannot be reached now
   */
  public static RedisLink connect(URI uri, Duration timeout) throws IOException {
    RedisURI redisUri = parse(uri);
    redisUri.setTimeout(timeout);
    String where = describe(uri);
    ClientResources resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            // Back within about a second of Redis returning (Lettuce's default backs off to 30 s).
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(50), RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS))
            .build();
    RedisClient client = RedisClient.create(resources, redisUri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    try {
      return new RedisLink(resources, client, client.connect(), where);
    } catch (RedisException e) {
      shutdown(client, resources);
      throw new RedisUnavailableException("redis at " + where + " unreachable", e);
    }
  }

  /**
   * Checks {@code uri} without connecting.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void check(URI uri) {
    parse(uri);
  }

  private static RedisURI parse(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
      throw new IllegalArgumentException(
          "not a Redis URI (redis://HOST:PORT[/DB] or rediss://...): " + describe(uri));
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("Redis URI without a host: " + describe(uri));
    }
    try {
      return RedisURI.create(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad Redis URI " + describe(uri) + ": " + e.getMessage());
    }
  }

  /** The URI for messages: scheme, host, port and database, never the password. */
  static String describe(URI uri) {
    if (uri.getHost() == null) {
      return uri.getScheme() == null ? "(no scheme)" : uri.getScheme() + "://(no host)";
    }
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** Where this link goes, for messages (no password). */
  public String where() {
    return where;
  }

  /**
   * Runs {@code script} atomically with {@code keys} and {@code args}; its reply must be a Lua
   * table of strings (or numbers), returned as strings.
   */
  public List<String> run(LuaScript script, List<String> keys, List<String> args)
      throws IOException {
    String[] k = keys.toArray(String[]::new);
    String[] a = args.toArray(String[]::new);
    List<Object> reply =
        call(
            c -> {
              try {
                return c.evalsha(script.sha1(), ScriptOutputType.MULTI, k, a);
              } catch (RedisNoScriptException e) {
                // First use on this server (or after a restart or SCRIPT FLUSH): send the source.
                return c.eval(script.source(), ScriptOutputType.MULTI, k, a);
              }
            });
    return strings(reply);
  }

  /**
   * {@link #run} without blocking: the stage completes on Lettuce's I/O thread with the reply, or
   * fails with {@link RedisUnavailableException} or another {@link IOException}.
   */
  public CompletionStage<List<String>> runAsync(
      LuaScript script, List<String> keys, List<String> args) {
    String[] k = keys.toArray(String[]::new);
    String[] a = args.toArray(String[]::new);
    CompletableFuture<List<String>> result = new CompletableFuture<>();
    RedisAsyncCommands<String, String> async = connection.async();
    CompletionStage<List<Object>> first;
    try {
      first = async.<List<Object>>evalsha(script.sha1(), ScriptOutputType.MULTI, k, a);
    } catch (RedisException e) {
      result.completeExceptionally(translate(e));
      return result;
    }
    first
        .handle(
            (reply, error) -> {
              Throwable cause = unwrap(error);
              if (cause instanceof RedisNoScriptException) {
                // First use on this server (or after a restart or SCRIPT FLUSH): send the source.
                return async.<List<Object>>eval(script.source(), ScriptOutputType.MULTI, k, a);
              }
              return error == null
                  ? CompletableFuture.completedFuture(reply)
                  : CompletableFuture.<List<Object>>failedFuture(cause);
            })
        .thenCompose(stage -> stage)
        .whenComplete(
            (reply, error) -> {
              if (error != null) {
                Throwable cause = unwrap(error);
                result.completeExceptionally(
                    cause instanceof RuntimeException r ? translate(r) : cause);
              } else {
                result.complete(strings(reply));
              }
            });
    return result;
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static List<String> strings(List<Object> reply) {
    List<String> out = new ArrayList<>(reply.size());
    for (Object o : reply) {
      out.add(o == null ? null : o.toString());
    }
    return out;
  }

  /** {@code HGET key field}. */
  public Optional<String> hget(String key, String field) throws IOException {
    return Optional.ofNullable(call(c -> c.hget(key, field)));
  }

  /** {@code HGETALL key}. */
  public Map<String, String> hgetall(String key) throws IOException {
    return call(c -> c.hgetall(key));
  }

  /** {@code SISMEMBER key member}. */
  public boolean sismember(String key, String member) throws IOException {
    return call(c -> c.sismember(key, member));
  }

  /**
   * Calls {@code listener} with each message published on {@code channel} from now on, on a
   * connection of its own that resubscribes by itself after an outage (messages published during
   * the outage are not delivered: callers resynchronise from the keys). Closed with this link.
   */
  public void subscribe(String channel, Consumer<String> listener) throws IOException {
    StatefulRedisPubSubConnection<String, String> pubsub;
    try {
      pubsub = client.connectPubSub();
    } catch (RedisException e) {
      throw new RedisUnavailableException("redis at " + where + " unreachable", e);
    }
    pubsub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String from, String message) {
            if (from.equals(channel)) {
              listener.accept(message);
            }
          }
        });
    try {
      pubsub.sync().subscribe(channel);
    } catch (RedisException e) {
      pubsub.close();
      throw new RedisUnavailableException("redis at " + where + " unavailable", e);
    }
    subscriptions.add(pubsub);
  }

  /** {@code SCARD key}. */
  public long scard(String key) throws IOException {
    return call(c -> c.scard(key));
  }

  /**
   * A server setting ({@code CONFIG GET}), or empty when the server refuses the command (managed
   * services often rename or disable it).
   */
  public Optional<String> config(String parameter) {
    try {
      Map<String, String> values = commands.configGet(parameter);
      return Optional.ofNullable(values.get(parameter));
    } catch (RedisException e) {
      LOG.debug("CONFIG GET {} refused by redis at {}: {}", parameter, where, e.getMessage());
      return Optional.empty();
    }
  }

  private <T> T call(Function<RedisCommands<String, String>, T> command) throws IOException {
    try {
      return command.apply(commands);
    } catch (RedisCommandInterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for redis at " + where);
    } catch (RedisException e) {
      throw translate(e);
    }
  }

  /** What a Lettuce failure means here; anything but a Lettuce exception is returned as is. */
  private Throwable translate(RuntimeException e) {
    return e instanceof RedisException r ? translate(r) : e;
  }

  private IOException translate(RedisException e) {
    if (e instanceof RedisCommandExecutionException) {
      String message = String.valueOf(e.getMessage());
      for (String reply : UNAVAILABLE_REPLIES) {
        if (message.startsWith(reply)) {
          return new RedisUnavailableException("redis at " + where + " unavailable: " + reply, e);
        }
      }
      return new IOException("redis at " + where + " refused a command: " + message, e);
    }
    // Not connected (commands rejected while reconnecting), timed out, or connection lost.
    return new RedisUnavailableException("redis at " + where + " unavailable", e);
  }

  /** Closes the connection and its threads. */
  @Override
  public void close() {
    try {
      subscriptions.forEach(StatefulRedisPubSubConnection::close);
      connection.close();
    } finally {
      shutdown(client, resources);
    }
  }

  private static void shutdown(RedisClient client, ClientResources resources) {
    client.shutdown(0, 2, TimeUnit.SECONDS);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
