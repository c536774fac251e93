package org.ilptorrent.tracker.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.ilptorrent.fixtures.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tests of trackers on a shared Redis start for each test: a real verifier with a paid torrent
 * ({@link PaidSetup}) and a real redis-server; they skip themselves when redis-server is absent.
 */
abstract class RedisTrackerSupport {
  @TempDir Path dir;
  PaidSetup setup;
  RedisProcess redis;

  @BeforeEach
  void startRedisAndVerifier() throws Exception {
    assumeTrue(RedisProcess.available(), RedisProcess.MISSING);
    setup = new PaidSetup(dir);
    redis = RedisProcess.start(dir.resolve("redis"));
  }

  @AfterEach
  void stopRedisAndVerifier() throws Exception {
    if (redis != null) {
      redis.close();
    }
    if (setup != null) {
      setup.close();
    }
  }
}
