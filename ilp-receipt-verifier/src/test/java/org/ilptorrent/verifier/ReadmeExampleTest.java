package org.ilptorrent.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ReadmeExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(ReadmeExample.run(ReadmeExample.moduleReadme(), dir, Receipt.class))
        .containsExactly("80", "500 true");
  }
}
