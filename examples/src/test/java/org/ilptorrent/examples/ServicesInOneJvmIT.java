package org.ilptorrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServicesInOneJvmIT {
  @Test
  void theThreeServicesWorkTogether() throws Exception {
    ExampleRun run = ExampleRun.of(ServicesInOneJvm.class, "--check");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^verifier http://127\\.0\\.0\\.1:\\d+$")
        .containsPattern(
            "(?m)^wallet http://127\\.0\\.0\\.1:\\d+ ilp http://127\\.0\\.0\\.1:\\d+/ilp$")
        .containsPattern(
            "(?m)^tracker ws://127\\.0\\.0\\.1:\\d+ http://127\\.0\\.0\\.1:\\d+/announce$")
        .containsPattern("(?m)^alice's proxy pointer \\S+$");
    assertThat(run.lines())
        .contains("receipts enabled true", "spent 1000, left 0", "tracker torrents 0")
        .anyMatch(l -> l.matches("delivered \\d+, balance at the verifier 1000"))
        .anyMatch(l -> l.matches("alice's wallet balance [1-9]\\d*"));
  }
}
