package org.ilptorrent.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.fixtures.ReadmeExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(
            ReadmeExample.moduleExampleOutput(
                dir,
                ReadmeExample.with(
                    ModuleJars.STREAM_PAYMENTS_CLASSES,
                    StreamSender.class,
                    org.slf4j.simple.SimpleLogger.class)))
        .containsExactly("true", "true");
  }
}
