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
            ReadmeExample.moduleExampleOutput(
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
        .containsExactly("80", "expired receipt");
  }
}
