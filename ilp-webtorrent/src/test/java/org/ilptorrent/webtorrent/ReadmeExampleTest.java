package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ReadmeExample;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.parse.Torrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(
            ReadmeExample.run(
                ReadmeExample.moduleReadme(),
                dir,
                FilePieceStore.class,
                Torrent.class,
                InfoHash.class,
                org.slf4j.Logger.class,
                org.slf4j.simple.SimpleLogger.class))
        .containsExactly("hello, swarm", "done: true");
  }
}
