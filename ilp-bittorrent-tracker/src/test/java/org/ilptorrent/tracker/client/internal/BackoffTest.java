package org.ilptorrent.tracker.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff none = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), n -> 0);
  private final Backoff most =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), n -> n - 1);

  @Test
  void doublesFromOneSecondToSixty() {
    assertThat(new long[] {none.delay(0), none.delay(1), none.delay(2), none.delay(5)})
        .containsExactly(1000, 2000, 4000, 32_000);
    assertThat(none.delay(6)).isEqualTo(60_000);
    assertThat(none.delay(61)).isEqualTo(60_000);
    assertThat(none.delay(Integer.MAX_VALUE)).isEqualTo(60_000);
  }

  @Test
  void jitterAddsUpToHalfAndNeverPassesTheMaximum() {
    assertThat(most.delay(0)).isEqualTo(1500);
    assertThat(most.delay(4)).isEqualTo(24_000);
    assertThat(most.delay(5)).isEqualTo(48_000);
    assertThat(most.delay(6)).isEqualTo(60_000);
  }
}
