package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.fixtures.ReadmeExample;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.parse.TorrentInfo;
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
                TorrentInfo.class,
                InfoHash.class,
                org.ilptorrent.discovery.Discovery.class,
                org.ilptorrent.create.TorrentCreator.class,
                org.ilptorrent.bencode.BDictionary.class,
                com.google.common.base.CharMatcher.class,
                com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class,
                org.ilptorrent.tracker.client.TrackerClient.class,
                org.ilptorrent.verifier.ReceiptVerifierClient.class,
                org.ilptorrent.stream.StreamSender.class,
                org.interledger.stream.StreamUtils.class,
                org.interledger.core.SharedSecret.class,
                org.java_websocket.client.WebSocketClient.class,
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class,
                org.slf4j.Logger.class,
                org.slf4j.simple.SimpleLogger.class))
        .containsExactly("hello, swarm", "done: true");
  }
}
