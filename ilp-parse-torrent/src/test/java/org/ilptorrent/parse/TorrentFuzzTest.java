package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ilptorrent.fixtures.TorrentFixture;
import org.junit.jupiter.api.Test;

/**
 * Feeds 100,000 mutated and truncated fixture torrents to the parser: each is accepted or refused
 * with {@link InvalidTorrentException}, nothing else. Seeded, so a failure is reproducible.
 */
class TorrentFuzzTest {
  private static final int CASES = 100_000;
  private static final byte[] INTERESTING = "dlie:0123456789-".getBytes();

  @Test
  void mutatedTorrentsGiveOnlyTheTypedError() {
    List<byte[]> seeds = TorrentFixture.all().stream().map(TorrentFixture::torrent).toList();
    Random random = new Random(0x7011e47L);
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] seed = seeds.get(i % seeds.size());
      byte[] input = mutate(seed, random);
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

  private static byte[] mutate(byte[] seed, Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return Arrays.copyOf(seed, r.nextInt(seed.length));
      case 1:
        {
          byte[] out = seed.clone();
          for (int n = 1 + r.nextInt(4); n > 0; n--) {
            out[r.nextInt(out.length)] = (byte) r.nextInt(256);
          }
          return out;
        }
      case 2:
        {
          byte[] out = seed.clone();
          for (int n = 1 + r.nextInt(4); n > 0; n--) {
            out[r.nextInt(out.length)] = INTERESTING[r.nextInt(INTERESTING.length)];
          }
          return out;
        }
      case 3:
        {
          int at = r.nextInt(seed.length);
          int len = 1 + r.nextInt(Math.min(64, seed.length - at));
          byte[] out = new byte[seed.length - len];
          System.arraycopy(seed, 0, out, 0, at);
          System.arraycopy(seed, at + len, out, at, seed.length - at - len);
          return out;
        }
      default:
        {
          int at = r.nextInt(seed.length);
          byte[] extra = new byte[1 + r.nextInt(16)];
          for (int k = 0; k < extra.length; k++) {
            extra[k] = INTERESTING[r.nextInt(INTERESTING.length)];
          }
          byte[] out = new byte[seed.length + extra.length];
          System.arraycopy(seed, 0, out, 0, at);
          System.arraycopy(extra, 0, out, at, extra.length);
          System.arraycopy(seed, at, out, at + extra.length, seed.length - at);
          return out;
        }
    }
  }
}
