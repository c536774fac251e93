package org.ilptorrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreeDownloadIT {
  @Test
  void downloadsFromTheLocalSeederItStarts() throws Exception {
    ExampleRun run = ExampleRun.of(FreeDownload.class);

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^seeding magnet:\\?xt=urn:btih:[0-9a-f]{40}.*x\\.pe=");
    assertThat(run.lines()).contains("metadata song.bin", "same bytes true");
    assertThat(run.out()).containsPattern("(?m)^done .*song\\.bin$");
  }
}
