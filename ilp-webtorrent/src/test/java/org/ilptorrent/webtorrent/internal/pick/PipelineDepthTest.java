package org.ilptorrent.webtorrent.internal.pick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineDepthTest {

  @ParameterizedTest(name = "{0} B/s -> {1}")
  @CsvSource({
    "0,          8", // unknown rate: the minimum
    "-5,         8",
    "16384,      8", // 1 block/s
    "163840,     10", // 10 blocks in a second
    "1000000,    62", // ceil(1e6 / 16384)
    "4194304,    256", // 4 MiB/s
    "268435456,  256", // 256 MiB/s: capped
    "9223372036854775807, 256",
  })
  void coversOneSecondOfTheRate(long rate, int depth) {
    assertThat(PipelineDepth.defaults().depth(rate, OptionalInt.empty())).isEqualTo(depth);
  }

  @Test
  void neverExceedsThePeersQueue() {
    assertThat(PipelineDepth.defaults().depth(1 << 30, OptionalInt.of(250))).isEqualTo(250);
    assertThat(PipelineDepth.defaults().depth(0, OptionalInt.of(2))).isEqualTo(2);
  }

  @Test
  void checksItsBounds() {
    assertThatThrownBy(() -> new PipelineDepth(Duration.ZERO, 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PipelineDepth(Duration.ofSeconds(1), 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PipelineDepth(Duration.ofSeconds(1), 5, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
