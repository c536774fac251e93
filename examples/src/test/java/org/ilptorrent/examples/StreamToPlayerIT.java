package org.ilptorrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamToPlayerIT {
  @Test
  void aPlayersRangeRequestIsAnsweredFromTheDownload() throws Exception {
    ExampleRun run = ExampleRun.of(StreamToPlayer.class);

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^serving http://127\\.0\\.0\\.1:\\d+/[0-9a-f]{40}/clip\\.mp4$");
    assertThat(run.lines())
        .contains(
            "206 video/mp4 bytes 2000000-2000099/4194304: 100 bytes", "downloaded 4194304 bytes");
  }
}
