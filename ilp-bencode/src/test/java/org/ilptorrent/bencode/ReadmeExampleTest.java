package org.ilptorrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ReadmeExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example in README.md compiles against this module and prints what it says. */
class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(ReadmeExample.run(ReadmeExample.moduleReadme(), dir, Bencode.class))
        .containsExactly(
            "Leaves of Grass 1048576",
            "info starts at byte 41, name at byte 72",
            "false",
            "d4:infod12:piece lengthi1048576e4:name15:Leaves of Grasse4:salt3:abce",
            "info: missing (at byte 0)",
            "info.piece length: integer has a leading zero (at byte 32)");
  }
}
