package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Random;
import org.ilptorrent.fixtures.BencodeMutations;
import org.ilptorrent.fixtures.TorrentFixture;
import org.junit.jupiter.api.Test;

/**
 * Feeds 100,000 mutated and truncated fixture torrents to the parser: each is accepted or refused
 * with {@link InvalidTorrentException}, nothing else. Seeded, so a failure is reproducible.
 */
class TorrentFuzzTest {
  private static final int CASES = 100_000;

  @Test
  void mutatedTorrentsGiveOnlyTheTypedError() {
    List<byte[]> seeds = TorrentFixture.all().stream().map(TorrentFixture::torrent).toList();
    Random random = new Random(0x7011e47L);
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] seed = seeds.get(i % seeds.size());
      byte[] input = BencodeMutations.mutate(seed, random);
      Throwable thrown = catchThrowable(() -> TorrentInfo.parse(input));
      if (thrown == null) {
        accepted++;
      } else {
        assertThat(thrown).as("case %d", i).isInstanceOf(InvalidTorrentException.class);
      }
    }
    // Some mutations land in piece hashes or names and still parse; most must be caught.
    assertThat(accepted).isBetween(1, CASES - 1);
  }
}
