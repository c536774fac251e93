package org.ilptorrent.stream.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ReadmeExample;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.verifier.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(
            ReadmeExample.run(
                ReadmeExample.moduleReadme(),
                dir,
                ReadmeExample.withNettyServer(
                    Wallet.class,
                    org.ilptorrent.stream.StreamSender.class,
                    org.ilptorrent.bencode.BDictionary.class,
                    InfoHash.class,
                    Receipt.class,
                    org.interledger.stream.StreamUtils.class,
                    org.interledger.core.SharedSecret.class,
                    com.google.common.primitives.UnsignedLong.class,
                    com.fasterxml.jackson.databind.ObjectMapper.class,
                    com.fasterxml.jackson.core.JsonFactory.class,
                    com.fasterxml.jackson.annotation.JsonProperty.class,
                    org.slf4j.LoggerFactory.class,
                    org.slf4j.simple.SimpleLogger.class)))
        // slf4j-simple's log lines (the servers' transport at start) are not the example's output
        .filteredOn(line -> !line.startsWith("["))
        .containsExactly("true", "true");
  }
}
