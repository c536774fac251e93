package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.fixtures.ReadmeExample;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(
            ReadmeExample.run(
                ReadmeExample.moduleReadme(),
                dir,
                TorrentCreator.class,
                InfoHash.class,
                BDictionary.class))
        .containsExactly("album", "false", "$wallet.example/alice");
  }
}
