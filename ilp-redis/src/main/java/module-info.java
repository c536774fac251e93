/**
 * Internal support for the suite's servers, not an API: one Redis connection (Lettuce, on Netty)
 * that runs Lua scripts with a timeout, reconnects by itself, and reports an unreachable Redis as
 * {@link org.ilptorrent.redis.RedisUnavailableException}. Exported only to the server modules;
 * applications configure Redis through those servers' builders and never see a Lettuce type.
 */
module org.ilptorrent.redis {
  requires lettuce.core;
  requires org.slf4j;

  exports org.ilptorrent.redis to
      org.ilptorrent.verifier.server,
      org.ilptorrent.tracker.server;
}
