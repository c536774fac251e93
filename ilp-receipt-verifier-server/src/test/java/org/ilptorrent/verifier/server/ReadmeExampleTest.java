package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.ilptorrent.fixtures.ReadmeExample;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.verifier.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(
            ReadmeExample.run(
                ReadmeExample.moduleReadme(),
                dir,
                ReadmeExample.withNettyServer(
                    Receipt.class,
                    InfoHash.class,
                    ObjectMapper.class,
                    com.fasterxml.jackson.core.JsonFactory.class,
                    com.fasterxml.jackson.annotation.JsonProperty.class,
                    LoggerFactory.class,
                    org.slf4j.simple.SimpleLogger.class,
                    ReceiptVerifierServer.class)))
        // slf4j-simple's log lines (the servers' transport at start) are not the example's output
        .filteredOn(line -> !line.startsWith("["))
        .containsExactly("80", "expired receipt");
  }
}
