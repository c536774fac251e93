package org.ilptorrent.webtorrent.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateMeterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void bytesCountBeforeTheFirstTick() {
    RateMeter m = new RateMeter(0);
    assertThat(m.rate(SECOND / 2)).isZero();
    m.add(1_000_000);
    // half a second in, no tick yet: the open bucket counts
    assertThat(m.rate(SECOND / 2)).isCloseTo(2_000_000, within(1.0));
  }

  @Test
  void theFirstBytesAreNotABurst() {
    RateMeter m = new RateMeter(0);
    m.add(16_384);
    assertThat(m.rate(1_000)).isCloseTo(16_384 * 1e9 / RateMeter.MIN_SPAN_NANOS, within(1.0));
  }

  @Test
  void theWindowSlidesOverFiveBuckets() {
    RateMeter m = new RateMeter(0);
    for (int s = 0; s < 10; s++) {
      m.add(s < 5 ? 1_000 : 3_000);
      m.tick((s + 1) * SECOND);
    }
    // 4 closed buckets of 3,000 and an empty open one, over 4.5 s
    assertThat(m.rate(10 * SECOND + SECOND / 2)).isCloseTo(12_000 / 4.5, within(0.01));
    assertThat(m.total()).isEqualTo(5 * 1_000 + 5 * 3_000);
  }

  @Test
  void aStalledTransferDecaysToZero() {
    RateMeter m = new RateMeter(0);
    m.add(5_000);
    for (int s = 1; s <= 5; s++) {
      m.tick(s * SECOND);
    }
    assertThat(m.rate(5 * SECOND + 1)).isZero();
  }
}
