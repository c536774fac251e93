package org.ilptorrent.create;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.ilptorrent.magnet.InfoHash;

/**
 * Picks the tracker of a torrent among the shards of one tracker service, by info hash, so that
 * every peer of a swarm meets on one tracker instance: tracker instances share their payment state
 * (Redis) but keep swarms in memory. Rendezvous hashing: each shard scores SHA-256(shard URL, 0,
 * info hash) and the highest score wins, so every client picks the same shard from the same list in
 * any order, and adding or removing a shard moves only the torrents that it gains or loses (about
 * 1/n of them).
 */
public final class TrackerShards {
  private TrackerShards() {}

  /**
   * The shard URL for {@code infoHash}.
   *
   * @throws IllegalArgumentException when {@code shards} is empty
   */
  public static String pick(InfoHash infoHash, List<String> shards) {
    Objects.requireNonNull(infoHash, "infoHash");
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("no tracker shards");
    }
    String best = null;
    byte[] bestScore = null;
    for (String shard : shards) {
      byte[] score = score(shard, infoHash);
      int c = bestScore == null ? 1 : java.util.Arrays.compareUnsigned(score, bestScore);
      if (c > 0 || (c == 0 && shard.compareTo(best) < 0)) {
        best = shard;
        bestScore = score;
      }
    }
    return best;
  }

  private static byte[] score(String shard, InfoHash infoHash) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(shard.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      return sha256.digest(infoHash.toBytes());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
