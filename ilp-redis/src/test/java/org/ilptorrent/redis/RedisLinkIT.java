package org.ilptorrent.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.ilptorrent.fixtures.Await;
import org.ilptorrent.fixtures.RedisProcess;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link against a real redis-server: scripts, exact decimals, outages and reconnection. */
class RedisLinkIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final LuaScript ARITHMETIC =
      LuaScript.of(
          "arithmetic",
          DecimalLua.LIBRARY,
          """
          local out = {dadd(ARGV[1], ARGV[2]), tostring(dcmp(ARGV[1], ARGV[2]))}
          if dcmp(ARGV[1], ARGV[2]) >= 0 then out[3] = dsub(ARGV[1], ARGV[2]) end
          return out
          """);

  @BeforeAll
  static void needsRedis() {
    assumeTrue(RedisProcess.available(), RedisProcess.MISSING);
  }

  @Test
  void decimalArithmeticIsExactUpTo2To63(@TempDir Path dir) throws Exception {
    try (RedisProcess redis = RedisProcess.start(dir);
        RedisLink link = RedisLink.connect(redis.uri(), TIMEOUT)) {
      Random random = new Random(7);
      BigInteger max = new BigInteger(DecimalLua.MAX);
      List<BigInteger> edges =
          List.of(
              BigInteger.ZERO,
              BigInteger.ONE,
              BigInteger.TEN,
              BigInteger.valueOf(999),
              BigInteger.valueOf(1000),
              BigInteger.TWO.pow(53),
              BigInteger.TWO.pow(53).add(BigInteger.ONE),
              max.subtract(BigInteger.ONE),
              max);
      for (int i = 0; i < 400; i++) {
        BigInteger a = i < 81 ? edges.get(i / 9) : new BigInteger(1 + random.nextInt(63), random);
        BigInteger b = i < 81 ? edges.get(i % 9) : new BigInteger(1 + random.nextInt(63), random);
        List<String> r = link.run(ARITHMETIC, List.of(), List.of(a.toString(), b.toString()));
        assertThat(r.get(0)).as("%s + %s", a, b).isEqualTo(a.add(b).toString());
        assertThat(r.get(1)).as("cmp %s %s", a, b).isEqualTo(Integer.toString(a.compareTo(b)));
        if (a.compareTo(b) >= 0) {
          assertThat(r.get(2)).as("%s - %s", a, b).isEqualTo(a.subtract(b).toString());
        }
      }
    }
  }

  @Test
  void anOutageFailsCallsAtOnceAndTheLinkReconnectsByItself(@TempDir Path dir) throws Exception {
    try (RedisProcess redis = RedisProcess.start(dir);
        RedisLink link = RedisLink.connect(redis.uri(), TIMEOUT)) {
      LuaScript set =
          LuaScript.of("set", "", "redis.call('SET', KEYS[1], ARGV[1]) return {ARGV[1]}");
      assertThat(link.run(set, List.of("k"), List.of("before"))).containsExactly("before");

      redis.stop();
      assertThatThrownBy(() -> link.run(set, List.of("k"), List.of("during")))
          .isInstanceOf(RedisUnavailableException.class)
          .hasMessage("redis at " + redis.uri() + " unavailable");

      redis.start();
      Await.until(
          "the link to reconnect",
          RedisProcess.PATIENCE,
          () -> {
            try {
              return link.hget("nothing", "f").isEmpty();
            } catch (IOException e) {
              return false;
            }
          });
      // The append-only file kept the value written before the restart.
      assertThat(
              link.run(
                  LuaScript.of("get", "", "return {redis.call('GET', KEYS[1])}"),
                  List.of("k"),
                  List.of()))
          .containsExactly("before");
    }
  }

  @Test
  void anUnreachableServerIsNamedWithoutItsPassword() throws Exception {
    int closed = TestEnvironment.freePort();
    URI uri = URI.create("redis://:hunter2@127.0.0.1:" + closed + "/3");
    assertThatThrownBy(() -> RedisLink.connect(uri, TIMEOUT))
        .isInstanceOf(RedisUnavailableException.class)
        .hasMessage("redis at redis://127.0.0.1:" + closed + "/3 unreachable")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void onlyRedisUrisAreAccepted() {
    assertThatThrownBy(() -> RedisLink.check(URI.create("http://127.0.0.1:6379")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a Redis URI");
    assertThatThrownBy(() -> RedisLink.check(URI.create("redis:///0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Redis URI without a host");
    RedisLink.check(URI.create("rediss://user:pw@redis.example:6380/2"));
  }

  @Test
  void aScriptErrorIsAnErrorNotAnOutage(@TempDir Path dir) throws Exception {
    try (RedisProcess redis = RedisProcess.start(dir);
        RedisLink link = RedisLink.connect(redis.uri(), TIMEOUT)) {
      LuaScript broken = LuaScript.of("broken", "", "return redis.call('NOSUCHCOMMAND')");
      assertThatThrownBy(() -> link.run(broken, List.of(), List.of()))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(RedisUnavailableException.class)
          .hasMessageContaining("refused a command");
    }
  }
}
