package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ReadmeExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example in README.md compiles against this module and prints what it says. */
class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(ReadmeExample.run(ReadmeExample.moduleReadme(), dir, InfoHash.class))
        .containsExactly(
            "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36",
            "$wallet.example/alice",
            "1070000000",
            "true");
  }
}
