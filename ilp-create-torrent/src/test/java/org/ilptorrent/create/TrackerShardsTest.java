package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerShardsTest {
  private static final List<String> SHARDS =
      List.of("wss://t1.example", "wss://t2.example", "wss://t3.example", "wss://t4.example");

  private static List<InfoHash> hashes(int n) {
    Random random = new Random(3);
    List<InfoHash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[20];
      random.nextBytes(b);
      out.add(InfoHash.of(b));
    }
    return out;
  }

  @Test
  void everyClientPicksTheSameShardWhateverTheListOrder() {
    List<String> shuffled = new ArrayList<>(SHARDS);
    Collections.shuffle(shuffled, new Random(9));
    for (InfoHash h : hashes(200)) {
      assertThat(TrackerShards.pick(h, shuffled)).isEqualTo(TrackerShards.pick(h, SHARDS));
    }
  }

  @Test
  void torrentsSpreadOverTheShardsAndRemovingOneMovesOnlyItsOwn() {
    Map<String, Integer> counts = new HashMap<>();
    List<InfoHash> all = hashes(4000);
    for (InfoHash h : all) {
      counts.merge(TrackerShards.pick(h, SHARDS), 1, Integer::sum);
    }
    assertThat(counts).hasSize(4);
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(800, 1200));

    List<String> three = SHARDS.subList(0, 3);
    for (InfoHash h : all) {
      String before = TrackerShards.pick(h, SHARDS);
      if (!before.equals(SHARDS.get(3))) {
        assertThat(TrackerShards.pick(h, three)).isEqualTo(before);
      }
    }
  }

  @Test
  void noShardsIsAnError() {
    assertThatThrownBy(() -> TrackerShards.pick(hashes(1).get(0), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no tracker shards");
  }

  @Test
  void theCreatorAnnouncesThePickedShardFirstWithTheSameInfoHash(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("a.bin");
    Files.write(file, new byte[1000]);
    CreatedTorrent plain =
        TorrentCreator.builder().addPath(file).announce(List.of("udp://other:1")).build().create();
    CreatedTorrent sharded =
        TorrentCreator.builder()
            .addPath(file)
            .announce(List.of("udp://other:1"))
            .trackerShards(SHARDS)
            .build()
            .create();
    assertThat(sharded.infoHash()).isEqualTo(plain.infoHash());
    String shard = TrackerShards.pick(plain.infoHash(), SHARDS);
    BDictionary torrent = Bencode.decodeDictionary(sharded.torrentFile());
    assertThat(torrent.text("announce")).isEqualTo(shard);
    assertThat(sharded.magnet().announce()).containsExactly(shard, "udp://other:1");
  }
}
