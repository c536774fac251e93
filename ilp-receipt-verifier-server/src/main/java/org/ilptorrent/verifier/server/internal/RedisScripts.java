package org.ilptorrent.verifier.server.internal;

import org.ilptorrent.redis.DecimalLua;
import org.ilptorrent.redis.LuaScript;

/**
 * The verifier's check-and-update steps as Lua scripts, each atomic in Redis, so that any number of
 * verifier instances on one Redis behave as one verifier. Every script answers a table whose first
 * element is a status: {@code ok} (then the value), or the name of the refusal ({@link #BATCH}:
 * such a pair per operation).
 *
 * <p>Keys (after the store's prefix): {@code n:<nonce>} a hash with {@code b} (the proxy hash the
 * nonce was issued for), {@code e} (expiry, epoch ms) and {@code h<stream>} (the highest total
 * credited); {@code b:<balance digest>} a hash of bucket (proxy hash) to balance; {@code
 * i:<idempotency digest>} a hash with {@code a} (amount), {@code p} (pointer or {@code *}) and
 * {@code v} (the balance answered), expiring after the retention; {@code p:<hash>} a hash with
 * {@code p} (pointer) and {@code t} (management token digest); {@code pointers} the set of hashes.
 * Balances and totals are decimal strings (see {@link DecimalLua}).
 */
public final class RedisScripts {
  private RedisScripts() {}

  /** KEYS nonce; ARGV bucket, expiresAt (ms), key lifetime (ms). Keeps an existing bucket. */
  public static final LuaScript ADD_NONCE =
      LuaScript.of(
          "addNonce",
          "",
          """
          redis.call('HSETNX', KEYS[1], 'b', ARGV[1])
          redis.call('HSET', KEYS[1], 'e', ARGV[2])
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          return {'ok'}
          """);

  /**
   * Credits and spends, applied one after the other in one atomic call, each with the same checks
   * as if it were sent alone (a batch saves Redis and the verifier the per-command work: one read,
   * one script call, one append-only write and fsync, one reply for the lot).
   *
   * <p>Each operation takes two keys and a group of arguments starting with its kind:
   *
   * <ul>
   *   <li>{@code c} credit: KEYS nonce, balance; ARGV {@code c}, now (ms), stream, total
   *       (unsigned). Answers {@code ok, balance} or {@code expired} / {@code total} (above 2^63-1)
   *       / {@code limit}.
   *   <li>{@code s} spend: KEYS balance, idempotency record; ARGV {@code s}, bucket ({@code *}:
   *       all), amount, retention (ms), whether an idempotency key was given ({@code 1}/{@code 0}).
   *       Answers {@code ok, balance} or {@code unknown} / {@code insufficient} / {@code reused}.
   * </ul>
   *
   * The reply holds two elements per operation, in order: the status and the balance ({@code ""}
   * for a refusal).
   */
  public static final LuaScript BATCH =
      LuaScript.of(
          "batch",
          DecimalLua.LIBRARY,
          """
          local function credit(kn, kb, now, stream, total)
            local n = redis.call('HMGET', kn, 'b', 'e', 'h' .. stream)
            if not n[1] or tonumber(n[2]) <= tonumber(now) then return 'expired' end
            if dcmp(total, DMAX) > 0 then return 'total' end
            local amount = total
            if n[3] then
              if dcmp(total, n[3]) <= 0 then return 'expired' end
              amount = dsub(total, n[3])
            end
            if amount == '0' then return 'expired' end
            local current = redis.call('HGET', kb, n[1]) or '0'
            if dcmp(current, dsub(DMAX, amount)) > 0 then return 'limit' end
            local balance = dadd(current, amount)
            redis.call('HSET', kn, 'h' .. stream, total)
            redis.call('HSET', kb, n[1], balance)
            return 'ok', balance
          end
          local function spend(kb, ki, bucket, amount, retention, idempotent)
            if idempotent then
              local e = redis.call('HMGET', ki, 'a', 'p', 'v')
              if e[1] then
                if e[1] ~= amount or e[2] ~= bucket then return 'reused' end
                return 'ok', e[3]
              end
            end
            local after
            if bucket ~= '*' then
              local b = redis.call('HGET', kb, bucket)
              if not b then return 'unknown' end
              if dcmp(b, amount) < 0 then return 'insufficient' end
              after = dsub(b, amount)
              redis.call('HSET', kb, bucket, after)
            else
              local all = redis.call('HGETALL', kb)
              if #all == 0 then return 'unknown' end
              local sum = '0'
              for i = 2, #all, 2 do
                sum = dadd(sum, all[i])
                if dcmp(sum, DMAX) > 0 then sum = DMAX end
              end
              if dcmp(sum, amount) < 0 then return 'insufficient' end
              local left = amount
              for i = 1, #all, 2 do
                if left == '0' then break end
                local take = all[i + 1]
                if dcmp(take, left) > 0 then take = left end
                redis.call('HSET', kb, all[i], dsub(all[i + 1], take))
                left = dsub(left, take)
              end
              after = dsub(sum, amount)
            end
            if idempotent then
              redis.call('HSET', ki, 'a', amount, 'p', bucket, 'v', after)
              redis.call('PEXPIRE', ki, retention)
            end
            return 'ok', after
          end
          local out, k, a = {}, 1, 1
          while a <= #ARGV do
            local status, value
            if ARGV[a] == 'c' then
              status, value = credit(KEYS[k], KEYS[k + 1], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3])
              a = a + 4
            else
              status, value = spend(KEYS[k], KEYS[k + 1], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3],
                ARGV[a + 4] == '1')
              a = a + 5
            end
            k = k + 2
            out[#out + 1] = status
            out[#out + 1] = value or ''
          end
          return out
          """);

  /**
   * KEYS pointer, pointer set; ARGV hash, pointer, token digest or empty. {@code ok}/{@code
   * exists}.
   */
  public static final LuaScript ADD_POINTER =
      LuaScript.of(
          "addPointer",
          "",
          """
          if redis.call('HSETNX', KEYS[1], 'p', ARGV[2]) == 0 then return {'exists'} end
          if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 't', ARGV[3]) end
          redis.call('SADD', KEYS[2], ARGV[1])
          return {'ok'}
          """);

  /** KEYS pointer, pointer set; ARGV hash. {@code ok}/{@code absent}. */
  public static final LuaScript REMOVE_POINTER =
      LuaScript.of(
          "removePointer",
          "",
          """
          if redis.call('DEL', KEYS[1]) == 0 then return {'absent'} end
          redis.call('SREM', KEYS[2], ARGV[1])
          return {'ok'}
          """);

  /** KEYS digest key; ARGV a fresh random key. Answers {@code ok, key}: the first one ever set. */
  public static final LuaScript DIGEST_KEY =
      LuaScript.of(
          "digestKey",
          "",
          """
          redis.call('SET', KEYS[1], ARGV[1], 'NX')
          return {'ok', redis.call('GET', KEYS[1])}
          """);
}
